import { asc, inArray, sql } from 'drizzle-orm';
import { postItemMedia, postItems, publishAttempts, type Executor } from '@tweetflow/db';

export type BatchItem = {
  id: string;
  postId: string;
  position: number;
  text: string;
  xPostId: string | null;
  /** Media need uploading first: such posts take the one-post path. */
  hasMedia: boolean;
  /** An earlier attempt nobody knows the outcome of: such posts take the one-post path, which reconciles. */
  unresolved: boolean;
};

/**
 * The items of a batch's posts in one query, grouped by post in thread order.
 *
 * @example
 * const itemsByPost = await loadBatchItems(db, claimed.map((post) => post.id));
 */
export async function loadBatchItems(db: Executor, postIds: readonly string[]): Promise<Map<string, BatchItem[]>> {
  const byPost = new Map<string, BatchItem[]>();
  if (postIds.length === 0) return byPost;
  const rows = await db
    .select({
      id: postItems.id,
      postId: postItems.postId,
      position: postItems.position,
      text: postItems.text,
      xPostId: postItems.xPostId,
      hasMedia: sql<boolean>`exists (select 1 from ${postItemMedia} as item_media where item_media.post_item_id = "post_items"."id")`,
      // Spelled out with table names: drizzle leaves columns unqualified in a one-table
      // select, and an unqualified post_id inside the subquery would be the attempt's own.
      unresolved: sql<boolean>`exists (
        select 1 from ${publishAttempts} as attempt
        where attempt.post_id = "post_items"."post_id" and attempt.item_position = "post_items"."position"
          and attempt.status in ('pending', 'outcome_unknown'))`,
    })
    .from(postItems)
    .where(inArray(postItems.postId, [...postIds]))
    .orderBy(asc(postItems.postId), asc(postItems.position));
  for (const row of rows) {
    const items = byPost.get(row.postId) ?? [];
    items.push(row);
    byPost.set(row.postId, items);
  }
  return byPost;
}
