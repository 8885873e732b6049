import { eq } from 'drizzle-orm';
import { accountMetricSnapshots, trackedPosts, xAccounts, type Executor } from '@tweetflow/db';
import { emitWorkspaceEvent } from '../events/workspace-events';
import { XAccountNeedsReauthError, XRateLimitedError } from '../x-accounts/errors';
import { withXAccount } from '../x-accounts/with-x-account';
import { analyticsKeepShare, type AnalyticsDeps } from './analytics-deps';
import { readingFromX, recordPostMetrics } from './record-post-metrics';

export type AccountMetricsOutcome = {
  followers: number | null;
  /** Posts found on the timeline that were not followed yet. */
  discovered: number;
  deferredUntil: Date | null;
  skipped: string | null;
};

/**
 * The account's daily reading: its audience (followers, following, posts) from
 * `GET /2/users/me`, then its latest 100 posts from its timeline, so posts made outside
 * TweetFlow count too; each newly found post gets a first snapshot from the timeline's
 * figures, which also puts it on the polling cadence while younger than 30 days.
 *
 * @example
 * const { followers } = await collectAccountMetrics(db, analytics, accountId);
 */
export async function collectAccountMetrics(db: Executor, deps: AnalyticsDeps, accountId: string): Promise<AccountMetricsOutcome> {
  const [account] = await db
    .select({ workspaceId: xAccounts.workspaceId, xUserId: xAccounts.xUserId })
    .from(xAccounts)
    .where(eq(xAccounts.id, accountId));
  if (!account) return { followers: null, discovered: 0, deferredUntil: null, skipped: 'The account is no longer connected.' };
  const options = { keepShare: analyticsKeepShare(deps) };
  try {
    const me = await withXAccount(db, deps.xAccounts, accountId, 'GET /2/users/me', (x) => x.v2.me({ 'user.fields': ['public_metrics'] }), options);
    const metrics = me.data.public_metrics;
    const capturedAt = deps.clock.now();
    await db.insert(accountMetricSnapshots).values({
      xAccountId: accountId,
      capturedAt,
      followers: metrics?.followers_count ?? 0,
      following: metrics?.following_count ?? 0,
      posts: metrics?.tweet_count ?? 0,
      listed: metrics?.listed_count ?? 0,
    });

    const timeline = await withXAccount(
      db,
      deps.xAccounts,
      accountId,
      'GET /2/users/:id/tweets',
      (x) => x.v2.userTimeline(account.xUserId, { max_results: 100, exclude: ['retweets'], 'tweet.fields': ['created_at', 'public_metrics'] }),
      options,
    );
    const discovered = await db.transaction(async (tx) => {
      let added = 0;
      // Oldest first, the order `trackPublishedPosts` inserts in: a post TweetFlow just
      // published is inserted by both, and in opposite orders each held one row the other
      // waited for (a deadlock in `pnpm bench workflows`, 29 November).
      for (const tweet of timeline.tweets.toSorted(byXPostId)) {
        if (!tweet.created_at) continue;
        const postedAt = new Date(tweet.created_at);
        const [inserted] = await tx
          .insert(trackedPosts)
          .values({
            workspaceId: account.workspaceId,
            xAccountId: accountId,
            xPostId: tweet.id,
            text: tweet.text,
            postedAt,
          })
          .onConflictDoNothing()
          .returning({ id: trackedPosts.id });
        if (!inserted) continue;
        added++;
        await recordPostMetrics(tx, { id: inserted.id, postedAt }, readingFromX(tweet), capturedAt);
      }
      await emitWorkspaceEvent(tx, account.workspaceId, { type: 'metrics.updated', xAccountId: accountId, posts: added, capturedAt: capturedAt.toISOString() });
      return added;
    });
    return { followers: metrics?.followers_count ?? null, discovered, deferredUntil: null, skipped: null };
  } catch (error) {
    if (error instanceof XRateLimitedError) return { followers: null, discovered: 0, deferredUntil: error.retryAt, skipped: null };
    if (error instanceof XAccountNeedsReauthError) return { followers: null, discovered: 0, deferredUntil: null, skipped: error.message };
    throw error;
  }
}

/** X post ids in numeric order (they are decimal strings of up to 19 digits), as `trackPublishedPosts` orders them. */
function byXPostId(a: { id: string }, b: { id: string }): number {
  return a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
