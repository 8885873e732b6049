import { countPostText, MAX_POST_LENGTH } from '@tweetflow/x/rules';

const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Shortens text to fit a post as X counts it (twitter-text's weighted length: links are 23,
 * CJK and most emoji 2), ending with "…". Cuts between whole characters (an emoji or a
 * flag is never split) and at the last word boundary when one is near the cut.
 *
 * @example
 * truncateForX('a'.repeat(300)); // "a" × 278 then "…" (X counts the ellipsis as 2)
 * truncateForX('Short enough'); // 'Short enough'
 */
export function truncateForX(text: string, limit: number = MAX_POST_LENGTH): string {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`truncateForX needs a positive whole limit; got ${limit}.`);
  if (countPostText(text, limit).weightedLength <= limit) return text;
  const pieces = Array.from(graphemes.segment(text), (segment) => segment.segment);
  const fits = (count: number) => countPostText(withEllipsis(pieces, count), limit).weightedLength <= limit;
  // Weighted length grows with the prefix except when a cut turns a link back into text,
  // so search for the longest prefix, then step back until it really fits.
  let low = 0;
  let high = pieces.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  while (low > 0 && !fits(low)) low--;
  const wordCut = lastWordBoundary(pieces, low);
  return withEllipsis(pieces, wordCut ?? low);
}

/**
 * Hashtags as one string: `#tag #tag`. Takes a list (one tag per entry) or a string (tags
 * separated by spaces or commas); strips `#`, drops characters X does not allow in a tag,
 * entries left empty or only digits, and repeats (ignoring case, keeping the first spelling).
 *
 * @example
 * hashtags(['Build in public', '#ts', 'TS']); // '#Buildinpublic #ts'
 * hashtags('ai, ml #dev'); // '#ai #ml #dev'
 */
export function hashtags(input: string | readonly string[]): string {
  const words = typeof input === 'string' ? input.split(/[\s,]+/) : input.map(String);
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const word of words) {
    const body = word.replace(/[^\p{L}\p{M}\p{N}_]/gu, '');
    if (body === '' || /^\p{N}+$/u.test(body)) continue;
    const key = body.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(`#${body}`);
  }
  return tags.join(' ');
}

function withEllipsis(pieces: readonly string[], count: number): string {
  return pieces.slice(0, count).join('').trimEnd() + ELLIPSIS;
}

/** A cut at the last space within the final fifth of the kept text, so words stay whole. */
function lastWordBoundary(pieces: readonly string[], count: number): number | null {
  const earliest = Math.floor(count * 0.8);
  for (let index = count; index > earliest; index--) {
    if (/^\s+$/.test(pieces[index] ?? '')) return index;
  }
  return null;
}
