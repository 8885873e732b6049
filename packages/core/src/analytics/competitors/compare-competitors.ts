import { asc, eq, sql } from 'drizzle-orm';
import { competitors, type Executor } from '@tweetflow/db';
import { engagementRate } from '../engagement';
import { periodFigures } from '../reporting/period-figures';
import type { AnalyticsRange } from '../reporting/analytics-range';
import { CALLS_PER_COMPETITOR_READ, competitorBudgetToday } from './competitor-budget';

/** One row of the comparison: one of your accounts or a competitor, over the same range. */
export type ComparedAccount = {
  kind: 'own' | 'competitor';
  id: string;
  username: string;
  displayName: string;
  profileImageUrl: string | null;
  followers: number | null;
  followerGrowth: number | null;
  /** Growth relative to the followers at the start (0.05 = +5 %). */
  followerGrowthRate: number | null;
  posts: number;
  engagementRate: number | null;
  lastCollectedAt: Date | null;
  lastError: string | null;
};

export type CompetitorComparison = {
  rows: ComparedAccount[];
  budget: { used: number; limit: number; callsPerCompetitorPerDay: number; plannedPerDay: number };
};

function growthRate(followers: number | null, growth: number | null): number | null {
  if (followers === null || growth === null || followers - growth <= 0) return null;
  return growth / (followers - growth);
}

/**
 * Your accounts and your competitors side by side for a range: followers, their growth, posts
 * and engagement rate (public figures only for both, so the rates compare), plus today's
 * competitor budget and what the tracked competitors need of it each day.
 *
 * @example
 * const { rows, budget } = await compareCompetitors(db, { workspaceId, range, now, dailyCalls: 60 });
 */
export async function compareCompetitors(
  db: Executor,
  input: { workspaceId: string; range: AnalyticsRange; now: Date; dailyCalls: number },
): Promise<CompetitorComparison> {
  const from = input.range.start.toISOString();
  const until = input.range.end.toISOString();
  const tracked = await db.select().from(competitors).where(eq(competitors.workspaceId, input.workspaceId)).orderBy(asc(competitors.username));
  const rows: ComparedAccount[] = [];
  const own = await periodFiguresByAccount(db, input.workspaceId, input.range);
  rows.push(...own);
  for (const competitor of tracked) {
    const [figures] = await db.execute<{ at_end: number | null; at_start: number | null; posts: number; impressions: number; engagements: number }>(sql`
      select
        (select followers from competitor_snapshots where competitor_id = ${competitor.id} and captured_at < ${until}::timestamptz order by captured_at desc limit 1) as at_end,
        coalesce(
          (select followers from competitor_snapshots where competitor_id = ${competitor.id} and captured_at < ${from}::timestamptz order by captured_at desc limit 1),
          (select followers from competitor_snapshots where competitor_id = ${competitor.id} and captured_at >= ${from}::timestamptz order by captured_at asc limit 1)) as at_start,
        (select count(*)::int from competitor_posts where competitor_id = ${competitor.id} and posted_at >= ${from}::timestamptz and posted_at < ${until}::timestamptz) as posts,
        (select coalesce(sum(impressions), 0)::int from competitor_posts where competitor_id = ${competitor.id} and posted_at >= ${from}::timestamptz and posted_at < ${until}::timestamptz) as impressions,
        (select coalesce(sum(engagements), 0)::int from competitor_posts where competitor_id = ${competitor.id} and posted_at >= ${from}::timestamptz and posted_at < ${until}::timestamptz) as engagements
    `);
    const growth = figures?.at_end != null && figures.at_start != null ? figures.at_end - figures.at_start : null;
    rows.push({
      kind: 'competitor',
      id: competitor.id,
      username: competitor.username,
      displayName: competitor.displayName,
      profileImageUrl: competitor.profileImageUrl,
      followers: figures?.at_end ?? null,
      followerGrowth: growth,
      followerGrowthRate: growthRate(figures?.at_end ?? null, growth),
      posts: figures?.posts ?? 0,
      engagementRate: engagementRate(figures?.engagements ?? 0, figures?.impressions ?? 0),
      lastCollectedAt: competitor.lastCollectedAt,
      lastError: competitor.lastError,
    });
  }
  const budget = await competitorBudgetToday(db, input.workspaceId, input.dailyCalls, input.now);
  return { rows, budget: { ...budget, callsPerCompetitorPerDay: CALLS_PER_COMPETITOR_READ, plannedPerDay: tracked.length * CALLS_PER_COMPETITOR_READ } };
}

async function periodFiguresByAccount(db: Executor, workspaceId: string, range: AnalyticsRange): Promise<ComparedAccount[]> {
  const accounts = await db.execute<{ id: string; username: string; display_name: string; profile_image_url: string | null }>(sql`
    select id, username, display_name, profile_image_url from x_accounts where workspace_id = ${workspaceId} order by username
  `);
  return Promise.all(
    accounts.map(async (account) => {
      const figures = await periodFigures(db, { workspaceId, accountIds: [account.id] }, range.start, range.end);
      return {
        kind: 'own' as const,
        id: account.id,
        username: account.username,
        displayName: account.display_name,
        profileImageUrl: account.profile_image_url,
        followers: figures.followers,
        followerGrowth: figures.followerGrowth,
        followerGrowthRate: growthRate(figures.followers, figures.followerGrowth),
        posts: figures.posts,
        engagementRate: figures.engagementRate,
        lastCollectedAt: null,
        lastError: null,
      };
    }),
  );
}
