import { and, eq, gt, lt } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { trackedPosts, xAccounts, type Executor } from '@tweetflow/db';
import { DomainError } from '../../errors';
import { typicalActivity } from './typical-activity';

const DAY_MS = 24 * 60 * 60_000;
/** How far back an account's history counts. */
export const BEST_TIMES_HISTORY_DAYS = 180;
/** Posts younger than this are still gathering engagement and are left out. */
const SETTLING_MS = 6 * 60 * 60_000;
/** How many average posts' worth of impressions the prior has in every hour: it fades as real posts add up. */
const PRIOR_WEIGHT = 2;
/** A post also tells a little about the hours next to its own. */
const NEIGHBOUR_WEIGHT = 0.5;
/**
 * How far the prior moves an hour from the account's average: typical activity says when
 * people are around, not how well this account does then, so a peak hour with no posts of
 * the account is expected a little above average (about +13 %), not far above it.
 */
const PRIOR_STRENGTH = 0.3;
/** Posts in an hour from which its figure counts as well backed. */
const SOLID_POSTS = 3;

export type Backing = 'history' | 'thin' | 'prior';

export type HourOfWeek = {
  /** 1 = Monday … 7 = Sunday, in the account's timezone. */
  weekday: number;
  hour: number;
  /** Expected engagement rate of a post at this hour (history blended with the prior). */
  score: number;
  /** Posts of the account published in this hour, and in the hours either side. */
  posts: number;
  nearbyPosts: number;
  backing: Backing;
};

export type SuggestedTime = HourOfWeek & {
  /** How much better than the account's average (0.25 = 25 % higher); null without history. */
  lift: number | null;
  /** In words, what the suggestion rests on. */
  basis: string;
};

export type BestTimes = {
  accountId: string;
  timezone: string;
  postsAnalyzed: number;
  historyDays: number;
  /** The account's engagement rate over the posts analysed; null without any. */
  averageRate: number | null;
  summary: string;
  heatmap: HourOfWeek[];
  top: SuggestedTime[];
};

type Sample = { weekday: number; hour: number; impressions: number; engagements: number };

/**
 * An account's hour-of-week heatmap from its own posts (engagement rate by the local hour
 * each was posted, in the account's timezone) and the best hours to post. Each hour blends
 * its posts with a prior of typical X activity scaled to the account's average, weighted
 * like two average posts, so an hour with one lucky post does not jump to the top and an account
 * without history still gets sensible hours. Every suggestion says how many posts back it.
 *
 * @example
 * const { top } = await bestTimes(db, { workspaceId, accountId, now: clock.now() });
 */
export async function bestTimes(db: Executor, input: { workspaceId: string; accountId: string; now: Date; count?: number }): Promise<BestTimes> {
  const [account] = await db
    .select({ timezone: xAccounts.timezone })
    .from(xAccounts)
    .where(and(eq(xAccounts.id, input.accountId), eq(xAccounts.workspaceId, input.workspaceId)));
  if (!account) throw new DomainError('not_found', 'That X account is not connected to this workspace.');
  const posts = await db
    .select({ postedAt: trackedPosts.postedAt, impressions: trackedPosts.impressions, engagements: trackedPosts.engagements })
    .from(trackedPosts)
    .where(
      and(
        eq(trackedPosts.xAccountId, input.accountId),
        gt(trackedPosts.impressions, 0),
        gt(trackedPosts.postedAt, new Date(input.now.getTime() - BEST_TIMES_HISTORY_DAYS * DAY_MS)),
        lt(trackedPosts.postedAt, new Date(input.now.getTime() - SETTLING_MS)),
      ),
    );
  const samples = posts.map((post) => ({ ...hourOfWeek(post.postedAt, account.timezone), impressions: post.impressions, engagements: post.engagements }));
  const totals = posts.reduce((sum, post) => ({ impressions: sum.impressions + post.impressions, engagements: sum.engagements + post.engagements }), { impressions: 0, engagements: 0 });
  const averageRate = totals.impressions > 0 ? totals.engagements / totals.impressions : null;
  const heatmap = scoreHours(samples, averageRate, samples.length > 0 ? totals.impressions / samples.length : 1);
  return {
    accountId: input.accountId,
    timezone: account.timezone,
    postsAnalyzed: samples.length,
    historyDays: BEST_TIMES_HISTORY_DAYS,
    averageRate,
    summary: summarize(samples.length),
    heatmap,
    top: pickTop(heatmap, averageRate, input.count ?? 5),
  };
}

function hourOfWeek(instant: Date, timezone: string): { weekday: number; hour: number } {
  const local = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timezone);
  return { weekday: local.dayOfWeek, hour: local.hour };
}

/** Index of an hour in the week, so neighbours wrap from Sunday 23:00 to Monday 00:00. */
function slot(weekday: number, hour: number): number {
  return (weekday - 1) * 24 + hour;
}

/**
 * Each hour's score is engagements over impressions of the posts there (neighbours at half
 * weight), plus the prior counted as two average posts' worth of impressions: a post seen
 * by few people moves its hour little, a steady run of well-seen posts moves it a lot.
 */
function scoreHours(samples: Sample[], averageRate: number | null, impressionsPerPost: number): HourOfWeek[] {
  const impressions = new Array<number>(168).fill(0);
  const engagements = new Array<number>(168).fill(0);
  const exact = new Array<number>(168).fill(0);
  for (const sample of samples) {
    const at = slot(sample.weekday, sample.hour);
    exact[at]! += 1;
    for (const [offset, share] of [[0, 1], [-1, NEIGHBOUR_WEIGHT], [1, NEIGHBOUR_WEIGHT]] as const) {
      const index = (at + offset + 168) % 168;
      impressions[index]! += share * sample.impressions;
      engagements[index]! += share * sample.engagements;
    }
  }
  const priorImpressions = PRIOR_WEIGHT * impressionsPerPost;
  const cells: HourOfWeek[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const at = slot(weekday, hour);
      // Without any history the prior alone ranks the hours (in relative units).
      const prior = (averageRate ?? 1) * (1 + PRIOR_STRENGTH * (typicalActivity(weekday, hour) - 1));
      const posts = exact[at]!;
      const nearbyPosts = exact[(at + 167) % 168]! + exact[(at + 1) % 168]!;
      cells.push({
        weekday,
        hour,
        score: (engagements[at]! + priorImpressions * prior) / (impressions[at]! + priorImpressions),
        posts,
        nearbyPosts,
        backing: posts >= SOLID_POSTS ? 'history' : posts + nearbyPosts > 0 ? 'thin' : 'prior',
      });
    }
  }
  return cells;
}

/** The best hours, at most one per weekday and hour band, so suggestions spread over the week. */
function pickTop(heatmap: HourOfWeek[], averageRate: number | null, count: number): SuggestedTime[] {
  const chosen: HourOfWeek[] = [];
  for (const cell of [...heatmap].sort((a, b) => b.score - a.score || b.posts - a.posts)) {
    if (chosen.some((other) => other.weekday === cell.weekday && Math.abs(other.hour - cell.hour) < 3)) continue;
    chosen.push(cell);
    if (chosen.length === count) break;
  }
  return chosen.map((cell) => ({ ...cell, lift: averageRate ? cell.score / averageRate - 1 : null, basis: basisOf(cell) }));
}

function basisOf(cell: HourOfWeek): string {
  const plural = (count: number) => `${count} post${count === 1 ? '' : 's'}`;
  if (cell.backing === 'prior') return 'None of your posts went out near this hour yet: suggested from typical activity on X.';
  if (cell.backing === 'thin') {
    return `Based on ${plural(cell.posts)} at this hour and ${plural(cell.nearbyPosts)} in the hours either side, blended with typical activity on X.`;
  }
  return `Based on ${plural(cell.posts)} of yours at this hour (and ${plural(cell.nearbyPosts)} either side).`;
}

function summarize(posts: number): string {
  if (posts === 0) return `No posts of this account from the last ${BEST_TIMES_HISTORY_DAYS} days have figures yet, so the times follow typical activity on X.`;
  const strength = posts < 20 ? 'That is thin, so typical activity on X still weighs in.' : 'Hours with 3 or more posts rest on your own results.';
  return `From ${posts} post${posts === 1 ? '' : 's'} of the last ${BEST_TIMES_HISTORY_DAYS} days. ${strength}`;
}
