import { and, eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { xAccounts, type Executor } from '@tweetflow/db';
import { QUEUES } from '../queue/queues';
import type { CollectionJobData } from './enqueue-due-collections';
import { trackPublishedPosts } from './track-published-posts';

/**
 * Reads the workspace's accounts (or one) now instead of at their next turn: audience,
 * timeline and due post metrics. The reads still keep to the analytics share of the rate
 * limits. Returns how many accounts were queued.
 *
 * @example
 * await collectMetricsNow(db, boss, clock.now(), { workspaceId });
 */
export async function collectMetricsNow(db: Executor, boss: PgBoss, now: Date, input: { workspaceId: string; accountId?: string }): Promise<number> {
  await trackPublishedPosts(db, now);
  const accounts = await db
    .select({ id: xAccounts.id })
    .from(xAccounts)
    .where(and(eq(xAccounts.workspaceId, input.workspaceId), eq(xAccounts.status, 'active'), input.accountId ? eq(xAccounts.id, input.accountId) : undefined));
  for (const { id } of accounts) {
    await boss.send(QUEUES.collectAccountMetrics, { accountId: id } satisfies CollectionJobData, { singletonKey: id });
    await boss.send(QUEUES.collectPostMetrics, { accountId: id } satisfies CollectionJobData, { singletonKey: id });
  }
  return accounts.length;
}
