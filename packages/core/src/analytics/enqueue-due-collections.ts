import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Executor } from '@tweetflow/db';
import { QUEUES } from '../queue/queues';
import { trackPublishedPosts } from './track-published-posts';

const DAY_MS = 24 * 60 * 60_000;

export type CollectionJobData = { accountId: string };
export type CompetitorJobData = { competitorId: string };
export type DueCollections = { postMetrics: number; accountMetrics: number; competitors: number };

/**
 * The analytics tick: follows newly published posts, then enqueues one job per account
 * with post metrics due, per account whose audience was not read in the last 24 hours, and
 * per competitor due. Jobs are keyed by account (or competitor) on `stately` queues, so a
 * tick finding one already waiting adds nothing. Accounts needing reconnection are left out.
 *
 * @example
 * await enqueueDueCollections(db, boss, clock.now());
 */
export async function enqueueDueCollections(db: Executor, boss: PgBoss, now: Date): Promise<DueCollections> {
  await trackPublishedPosts(db, now);
  const at = now.toISOString();
  const postAccounts = await db.execute<{ id: string }>(sql`
    select distinct a.id from x_accounts a join tracked_posts t on t.x_account_id = a.id
    where a.status = 'active' and t.next_poll_at <= ${at}::timestamptz
  `);
  const audienceAccounts = await db.execute<{ id: string }>(sql`
    select a.id from x_accounts a
    where a.status = 'active' and not exists (
      select 1 from account_metric_snapshots s
      where s.x_account_id = a.id and s.captured_at > ${new Date(now.getTime() - DAY_MS).toISOString()}::timestamptz
    )
  `);
  const competitors = await db.execute<{ id: string }>(sql`select id from competitors where next_collect_at <= ${at}::timestamptz`);

  for (const { id } of postAccounts) await boss.send(QUEUES.collectPostMetrics, { accountId: id } satisfies CollectionJobData, { singletonKey: id });
  for (const { id } of audienceAccounts) await boss.send(QUEUES.collectAccountMetrics, { accountId: id } satisfies CollectionJobData, { singletonKey: id });
  for (const { id } of competitors) await boss.send(QUEUES.collectCompetitor, { competitorId: id } satisfies CompetitorJobData, { singletonKey: id });
  return { postMetrics: postAccounts.length, accountMetrics: audienceAccounts.length, competitors: competitors.length };
}
