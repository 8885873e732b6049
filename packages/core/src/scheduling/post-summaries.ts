import { asc, type SQL } from 'drizzle-orm';
import { posts, type Executor } from '@tweetflow/db';
import type { PostSource, PostStatus } from '../posts/post-view';
import { localDateTimeOf } from './local-time';

/** A post in a list (queue, series): enough to recognise it, not the whole thread. */
export type PostSummary = {
  id: string;
  status: PostStatus;
  source: PostSource;
  scheduledAt: Date | null;
  timezone: string;
  /** `scheduledAt` as the wall-clock time in `timezone`, e.g. "2026-12-01T09:00". */
  localDateTime: string | null;
  /** The text of the thread's first item. */
  firstText: string;
  itemCount: number;
  seriesId: string | null;
};

/**
 * Summaries of the posts matching `where`, by scheduled time (then creation order).
 *
 * @example
 * const queue = await selectPostSummaries(db, eq(posts.xAccountId, accountId), 100);
 */
export async function selectPostSummaries(db: Executor, where: SQL | undefined, limit: number): Promise<PostSummary[]> {
  const rows = await db
    .select({
      id: posts.id,
      status: posts.status,
      source: posts.source,
      scheduledAt: posts.scheduledAt,
      timezone: posts.timezone,
      seriesId: posts.seriesId,
      firstText: posts.firstText,
      itemCount: posts.itemCount,
    })
    .from(posts)
    .where(where)
    .orderBy(asc(posts.scheduledAt), asc(posts.id))
    .limit(limit);
  return rows.map((row) => ({
    ...row,
    localDateTime: row.scheduledAt ? localDateTimeOf(row.scheduledAt, row.timezone) : null,
  }));
}
