import twitterText from 'twitter-text';

/** X's limit for accounts without a premium subscription, in weighted characters. */
export const MAX_POST_LENGTH = 280;

/** A thread longer than this is almost certainly a mistake (X itself allows 25 in the composer). */
export const MAX_THREAD_ITEMS = 25;

export type PostTextCount = {
  /** The length X counts: URLs are 23, CJK characters and most emoji 2. */
  weightedLength: number;
  /** Characters left before the limit (negative when over). */
  remaining: number;
  valid: boolean;
};

/**
 * Counts a post's text the way X does (twitter-text's weighted length), so the composer,
 * the API and X agree on what fits. Pure: it runs in the browser and on the server.
 *
 * @example
 * countPostText('Read https://example.com/a/very/long/path').weightedLength; // 28
 */
export function countPostText(text: string, limit = MAX_POST_LENGTH): PostTextCount {
  const { weightedLength } = twitterText.parseTweet(text);
  const remaining = limit - weightedLength;
  return { weightedLength, remaining, valid: text.trim().length > 0 && remaining >= 0 };
}

/**
 * Why the text cannot be posted, or `null` when it can.
 *
 * @example
 * postTextProblem(''); // 'The post is empty.'
 */
export function postTextProblem(text: string, limit = MAX_POST_LENGTH): string | null {
  if (text.trim().length === 0) return 'The post is empty.';
  const { weightedLength } = countPostText(text, limit);
  if (weightedLength > limit) {
    return `The post is ${weightedLength} characters as X counts them; the limit is ${limit}. Shorten it by ${weightedLength - limit}.`;
  }
  return null;
}

/**
 * A post's text as X would echo it back, minus what X rewrites: links (t.co, and the media
 * link X appends) are dropped, the entities X escapes are decoded, whitespace collapsed.
 * Two texts with the same normal form are the same post to a reader.
 *
 * @example
 * normalizePostText('Tom &amp; Jerry https://t.co/abc'); // 'Tom & Jerry'
 */
export function normalizePostText(text: string): string {
  let withoutLinks = text;
  for (const url of twitterText.extractUrls(text)) withoutLinks = withoutLinks.replace(url, ' ');
  return withoutLinks
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim();
}
