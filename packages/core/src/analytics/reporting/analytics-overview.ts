import type { Executor } from '@tweetflow/db';
import { ENGAGEMENT_RATE_FORMULA, relativeChange } from '../engagement';
import { accountBreakdown, type AccountFigures } from './account-breakdown';
import type { AccountScope } from './account-filter';
import type { AnalyticsRange } from './analytics-range';
import { dailySeries, type DailyPoint } from './daily-series';
import { periodFigures, type PeriodFigures } from './period-figures';
import { postsInPeriod, rankPosts, type PostPerformance } from './post-performance';

/** How many posts the dashboard ranks at each end. */
const RANKED = 5;
/** The most posts one overview lists; a longer range is exported as CSV. */
const LISTED = 500;

export type AnalyticsOverview = {
  range: Pick<AnalyticsRange, 'from' | 'to' | 'timezone'> & { previous: { from: string; to: string } };
  formula: string;
  current: PeriodFigures;
  previous: PeriodFigures;
  /** Relative change against the previous period (0.2 = +20 %); null when it cannot be said. */
  change: { posts: number | null; impressions: number | null; engagements: number | null; engagementRate: number | null; followers: number | null };
  daily: DailyPoint[];
  accounts: AccountFigures[];
  posts: PostPerformance[];
  top: PostPerformance[];
  bottom: PostPerformance[];
};

/**
 * Everything the dashboard shows for a range: totals and engagement rate against the
 * previous period of the same length, day-by-day curves, per-account figures, the range's
 * posts and the best and worst of them.
 *
 * @example
 * const overview = await analyticsOverview(db, { workspaceId }, analyticsRange('2026-03-01', '2026-03-28', 'UTC'));
 */
export async function analyticsOverview(db: Executor, scope: AccountScope, range: AnalyticsRange): Promise<AnalyticsOverview> {
  const [current, previous, daily, accounts, posts] = await Promise.all([
    periodFigures(db, scope, range.start, range.end),
    periodFigures(db, scope, range.previous.start, range.previous.end),
    dailySeries(db, scope, range),
    accountBreakdown(db, scope, range.start, range.end),
    postsInPeriod(db, scope, range.start, range.end, LISTED),
  ]);
  return {
    range: { from: range.from, to: range.to, timezone: range.timezone, previous: { from: range.previous.from, to: range.previous.to } },
    formula: ENGAGEMENT_RATE_FORMULA,
    current,
    previous,
    change: {
      posts: relativeChange(current.posts, previous.posts),
      impressions: relativeChange(current.impressions, previous.impressions),
      engagements: relativeChange(current.engagements, previous.engagements),
      engagementRate: relativeChange(current.engagementRate, previous.engagementRate),
      followers: relativeChange(current.followers, previous.followers),
    },
    daily,
    accounts,
    posts,
    ...rankPosts(posts, RANKED),
  };
}
