import { asc, eq } from 'drizzle-orm';
import type { EUploadMimeType, SendTweetV2Params, TweetV2PostTweetResult } from 'twitter-api-v2';
import { media, postItemMedia, type Executor } from '@tweetflow/db';
import { withXAccount } from '../../x-accounts/with-x-account';
import type { PublishDeps } from './publish-deps';

export type OutgoingItem = {
  postItemId: string;
  text: string;
  replyTo: string | null;
  quote: string | null;
};

/**
 * Uploads an item's media to X, each with its alt text (what screen readers say for it).
 * Uploads have no visible effect, so repeating them after a
 * crash is harmless; that is why they happen before the attempt is recorded.
 *
 * @example
 * const mediaIds = await uploadItemMedia(db, deps, accountId, postItemId);
 */
export async function uploadItemMedia(db: Executor, deps: PublishDeps, accountId: string, postItemId: string): Promise<string[]> {
  const files = await db
    .select({ storageKey: media.storageKey, mimeType: media.mimeType, kind: media.kind, altText: media.altText })
    .from(postItemMedia)
    .innerJoin(media, eq(media.id, postItemMedia.mediaId))
    .where(eq(postItemMedia.postItemId, postItemId))
    .orderBy(asc(postItemMedia.position));
  const ids: string[] = [];
  for (const file of files) {
    const bytes = await deps.media.read(file.storageKey);
    const category = file.kind === 'video' ? 'tweet_video' : file.kind === 'gif' ? 'tweet_gif' : 'tweet_image';
    const id = await withXAccount(db, deps.xAccounts, accountId, 'POST /2/media/upload/initialize', (x) =>
      x.v2.uploadMedia(bytes, { media_type: file.mimeType as EUploadMimeType, media_category: category }),
    );
    const altText = file.altText.trim();
    if (altText) await withXAccount(db, deps.xAccounts, accountId, 'POST /2/media/metadata', (x) => x.v2.createMediaMetadata(id, { alt_text: { text: altText } }));
    ids.push(id);
  }
  return ids;
}

/**
 * Creates one post on X and returns its id. Sent with a socket timeout, so a silent X
 * becomes an error (outcome unknown) instead of a job that hangs.
 *
 * @example
 * const xPostId = await createXPost(db, deps, accountId, { text, replyTo: previousId, quote: null }, mediaIds);
 */
export async function createXPost(
  db: Executor,
  deps: PublishDeps,
  accountId: string,
  item: Omit<OutgoingItem, 'postItemId'>,
  mediaIds: string[],
): Promise<string> {
  const body = xPostBody(item, mediaIds);
  const result = await withXAccount(db, deps.xAccounts, accountId, 'POST /2/tweets', (x) =>
    x.v2.post<TweetV2PostTweetResult>('tweets', body, { timeout: deps.xRequestTimeoutMs }),
  );
  return result.data.id;
}

/**
 * The body of `POST /2/tweets` for one item: its text, what it replies to and quotes, its media.
 *
 * @example
 * const body = xPostBody({ text: 'Hello', replyTo: null, quote: null }, []);
 */
export function xPostBody(item: Omit<OutgoingItem, 'postItemId'>, mediaIds: string[]): SendTweetV2Params {
  const body: SendTweetV2Params = { text: item.text };
  if (item.replyTo) body.reply = { in_reply_to_tweet_id: item.replyTo };
  if (item.quote) body.quote_tweet_id = item.quote;
  if (mediaIds.length > 0) body.media = { media_ids: mediaIds as [string] };
  return body;
}
