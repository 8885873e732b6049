import { randomUUID } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import type { Transaction } from '@tweetflow/db';
import { QUEUES } from '../queue/queues';
import { jobsIn } from '../queue/jobs-in';

/** What a publish job carries: the post, nothing else; the post row holds the truth. */
export type PublishJobData = { postId: string };

/**
 * Enqueues publish jobs inside the caller's transaction and returns their ids, in order
 * (the given ones, when the caller wrote them to its posts first), so each can be stored on
 * its post: the post and its job commit together or not at all. A job whose id is no
 * longer the post's `publishJobId` (rescheduled, cancelled) stands down when it runs, so
 * old jobs never need to be found and deleted.
 *
 * @example
 * const [jobId] = await enqueuePublishJobs(tx, boss, [{ postId, at: scheduledAt }]);
 */
export async function enqueuePublishJobs(
  tx: Transaction,
  boss: PgBoss,
  jobs: ReadonlyArray<{ postId: string; at: Date; id?: string }>,
): Promise<string[]> {
  if (jobs.length === 0) return [];
  const rows = jobs.map(({ postId, at, id = randomUUID() }) => ({ id, data: { postId } satisfies PublishJobData, startAfter: at }));
  await boss.insert(QUEUES.publishPost, rows, { db: jobsIn(tx) });
  return rows.map((row) => row.id);
}
