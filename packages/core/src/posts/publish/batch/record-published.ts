import { sql } from 'drizzle-orm';
import { jsonRowCount, postItems, posts, publishAttempts, type Executor } from '@tweetflow/db';
import { WORKSPACE_EVENTS_CHANNEL, postChangedEvent } from '../../../events/workspace-events';
import type { BatchPost } from './claim-batch';

/** An item X accepted: which attempt put it there, and whether it was its thread's last. */
export type PublishedItem = { post: BatchPost; itemId: string; attemptId: string; xPostId: string; completesPost: boolean };

/**
 * `markItemPublished` for a round of items, in one statement (so one commit): the items
 * get their X ids, their attempts succeed, and posts whose last item this was are
 * published and announced.
 *
 * @example
 * await recordPublished(db, published, now);
 */
export async function recordPublished(db: Executor, published: readonly PublishedItem[], now: Date): Promise<void> {
  if (published.length === 0) return;
  const at = now.toISOString();
  // JSON parameters: drizzle would expand a bare array into a list of parameters.
  const rows = JSON.stringify(published.map((item) => ({ item_id: item.itemId, attempt_id: item.attemptId, x_post_id: item.xPostId })));
  const completed = published.filter((item) => item.completesPost);
  const postIds = JSON.stringify(completed.map((item) => item.post.id));
  const payloads = JSON.stringify(
    completed.map(({ post }) =>
      JSON.stringify({ workspaceId: post.workspaceId, event: postChangedEvent({ postId: post.id, status: 'published', scheduledAt: post.scheduledAt, publishedAt: now }) }),
    ),
  );
  await db.execute(sql`
    with done as (
      select * from json_to_recordset(${rows}::json) as done(item_id uuid, attempt_id uuid, x_post_id text) ${jsonRowCount(published.length)}
    ),
    items as (
      update ${postItems} set x_post_id = done.x_post_id, published_at = ${at}::timestamptz
      from done where ${postItems.id} = done.item_id
      returning 1
    ),
    attempts as (
      update ${publishAttempts} set status = 'succeeded', x_post_id = done.x_post_id, finished_at = ${at}::timestamptz
      from done where ${publishAttempts.id} = done.attempt_id
      returning 1
    ),
    completed as (
      update ${posts} set status = 'published', published_at = ${at}::timestamptz, status_reason = null, publish_job_id = null, updated_at = ${at}::timestamptz
      where ${posts.id} in (select value::uuid from json_array_elements_text(${postIds}::json) ${jsonRowCount(completed.length)})
      returning 1
    )
    select pg_notify(${WORKSPACE_EVENTS_CHANNEL}, payload) from json_array_elements_text(${payloads}::json) as payload`);
}
