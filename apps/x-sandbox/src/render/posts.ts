import { metricsAt } from '../metrics-model';
import { fieldUnauthorized } from '../problems';
import type { SandboxPost } from '../state/types';
import type { SandboxWorld } from '../world';

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60_000;
const PRIVATE_METRIC_FIELDS = ['non_public_metrics', 'organic_metrics'] as const;

/** A rendered post plus any per-field authorization errors X reports alongside it. */
export type RenderedPost = { data: Record<string, unknown>; errors: Record<string, unknown>[] };

/**
 * A post as X's v2 `Tweet` object. Private metrics are shown only to the author and only
 * for posts at most 30 days old; otherwise X leaves them out and adds an `errors[]` entry.
 *
 * @example
 * renderPost(world, post, new Set(['public_metrics', 'created_at']), viewer.id);
 */
export function renderPost(world: SandboxWorld, post: SandboxPost, fields: Set<string>, viewerId: string): RenderedPost {
  const data: Record<string, unknown> = { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] };
  const errors: Record<string, unknown>[] = [];
  if (fields.has('author_id')) data.author_id = post.authorId;
  if (fields.has('created_at')) data.created_at = new Date(post.createdAt).toISOString();
  if (fields.has('conversation_id')) data.conversation_id = post.conversationId;
  if (fields.has('in_reply_to_user_id') && post.inReplyToUserId) data.in_reply_to_user_id = post.inReplyToUserId;
  if (fields.has('referenced_tweets')) {
    const referenced = [
      ...(post.inReplyToPostId ? [{ type: 'replied_to', id: post.inReplyToPostId }] : []),
      ...(post.quotedPostId ? [{ type: 'quoted', id: post.quotedPostId }] : []),
    ];
    if (referenced.length > 0) data.referenced_tweets = referenced;
  }
  if (fields.has('attachments')) {
    const mediaKeys = post.mediaIds.flatMap((id) => world.store.media.get(id)?.mediaKey ?? []);
    if (mediaKeys.length > 0) data.attachments = { media_keys: mediaKeys };
    if (post.poll) data.attachments = { poll_ids: [post.id] };
  }
  const wantsPrivate = PRIVATE_METRIC_FIELDS.filter((field) => fields.has(field));
  if (!fields.has('public_metrics') && wantsPrivate.length === 0) return { data, errors };

  const now = world.now();
  const metrics = metricsAt(post, world.seed, now);
  if (fields.has('public_metrics')) data.public_metrics = metrics.public;
  const mayReadPrivate = post.authorId === viewerId && now - post.createdAt <= THIRTY_DAYS_MS;
  for (const field of wantsPrivate) {
    if (!mayReadPrivate) {
      errors.push(fieldUnauthorized(field, post.id));
      continue;
    }
    data[field] =
      field === 'organic_metrics'
        ? metrics.private
        : {
            impression_count: metrics.private.impression_count,
            url_link_clicks: metrics.private.url_link_clicks,
            user_profile_clicks: metrics.private.user_profile_clicks,
          };
  }
  return { data, errors };
}
