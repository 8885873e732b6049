import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import { engagementRate } from '../engagement';
import { accountCondition, type AccountScope } from './account-filter';

/** What a period adds up to. Post figures are those of the posts published in it, as last read. */
export type PeriodFigures = {
  posts: number;
  impressions: number;
  engagements: number;
  /** engagements ÷ impressions over all the period's posts; null without impressions. */
  engagementRate: number | null;
  /** Followers at the end of the period (last reading before its end), summed over accounts. */
  followers: number | null;
  /** Followers at the end minus at the start (the last reading before it, or the first in it). */
  followerGrowth: number | null;
};

/**
 * The figures of one period for the scope's accounts.
 *
 * @example
 * const figures = await periodFigures(db, { workspaceId }, range.start, range.end);
 */
export async function periodFigures(db: Executor, scope: AccountScope, start: Date, end: Date): Promise<PeriodFigures> {
  const from = start.toISOString();
  const until = end.toISOString();
  const [posts] = await db.execute<{ posts: number; impressions: number; engagements: number }>(sql`
    select count(*)::int as posts, coalesce(sum(t.impressions), 0)::int as impressions, coalesce(sum(t.engagements), 0)::int as engagements
    from tracked_posts t
    where t.workspace_id = ${scope.workspaceId} ${accountCondition(sql`t.x_account_id`, scope)}
      and t.posted_at >= ${from}::timestamptz and t.posted_at < ${until}::timestamptz
  `);
  const audience = await db.execute<{ at_end: number | null; at_start: number | null }>(sql`
    select
      (select s.followers from account_metric_snapshots s where s.x_account_id = a.id and s.captured_at < ${until}::timestamptz
        order by s.captured_at desc limit 1) as at_end,
      coalesce(
        (select s.followers from account_metric_snapshots s where s.x_account_id = a.id and s.captured_at < ${from}::timestamptz
          order by s.captured_at desc limit 1),
        (select s.followers from account_metric_snapshots s where s.x_account_id = a.id and s.captured_at >= ${from}::timestamptz
          and s.captured_at < ${until}::timestamptz order by s.captured_at asc limit 1)) as at_start
    from x_accounts a
    where a.workspace_id = ${scope.workspaceId} ${accountCondition(sql`a.id`, scope)}
  `);
  const measured = audience.filter((row) => row.at_end !== null);
  const followers = measured.length > 0 ? measured.reduce((sum, row) => sum + (row.at_end ?? 0), 0) : null;
  const followerGrowth = measured.length > 0 ? measured.reduce((sum, row) => sum + (row.at_end ?? 0) - (row.at_start ?? row.at_end ?? 0), 0) : null;
  const totals = posts ?? { posts: 0, impressions: 0, engagements: 0 };
  return { ...totals, engagementRate: engagementRate(totals.engagements, totals.impressions), followers, followerGrowth };
}
