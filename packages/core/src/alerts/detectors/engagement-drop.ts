import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import { periodFigures } from '../../analytics/reporting/period-figures';
import { ruleAccount } from './account-condition';
import { stateDetection, type Detection, type DetectorInput, type Observation } from './observation';

const WEEK_MS = 7 * 24 * 60 * 60_000;
/** Fewer posts than this in either week say too little to alarm anyone. */
const MIN_POSTS = 3;

/**
 * Accounts whose engagement rate over the last 7 days fell by more than the threshold
 * (percent) against the 7 days before, each week with at least 3 posts.
 *
 * @example
 * const detection = await detectEngagementDrop(db, { ...input, threshold: 30 });
 */
export async function detectEngagementDrop(db: Executor, input: DetectorInput): Promise<Detection> {
  const threshold = input.threshold ?? 30;
  const accounts = await db.execute<{ id: string; username: string }>(sql`
    select a.id, a.username from x_accounts a where a.workspace_id = ${input.workspaceId} ${ruleAccount(sql`a.id`, input.xAccountId)}
  `);
  const observations: Observation[] = [];
  for (const account of accounts) {
    const scope = { workspaceId: input.workspaceId, accountIds: [account.id] };
    const end = input.now;
    const recent = await periodFigures(db, scope, new Date(end.getTime() - WEEK_MS), end);
    const before = await periodFigures(db, scope, new Date(end.getTime() - 2 * WEEK_MS), new Date(end.getTime() - WEEK_MS));
    if (recent.posts < MIN_POSTS || before.posts < MIN_POSTS || recent.engagementRate === null || !before.engagementRate) continue;
    const drop = ((before.engagementRate - recent.engagementRate) / before.engagementRate) * 100;
    if (drop < threshold) continue;
    const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;
    observations.push({
      key: `engagement:${account.id}`,
      title: `@${account.username}’s engagement rate fell ${Math.round(drop)}%`,
      body: `${percent(recent.engagementRate)} over the last 7 days (${recent.posts} posts) against ${percent(before.engagementRate)} the week before (${before.posts} posts); alert at a ${threshold}% drop.`,
      link: '/app/analytics',
      occurrences: 0,
    });
  }
  return stateDetection(observations, input.open);
}
