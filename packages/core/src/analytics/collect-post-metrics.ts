import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { trackedPosts, type Executor } from '@tweetflow/db';
import { emitWorkspaceEvent } from '../events/workspace-events';
import { XAccountNeedsReauthError, XRateLimitedError } from '../x-accounts/errors';
import { withXAccount } from '../x-accounts/with-x-account';
import { analyticsKeepShare, type AnalyticsDeps } from './analytics-deps';
import { readingFromX, recordPostMetrics } from './record-post-metrics';

/** X's `GET /2/tweets` takes at most 100 ids per call. */
export const POSTS_PER_LOOKUP = 100;
/** One job reads at most this many batches, so a huge backlog is spread over several ticks. */
const MAX_LOOKUPS_PER_JOB = 20;

export type PostMetricsOutcome = {
  /** Posts that got a new snapshot. */
  polled: number;
  /** Calls made to X. */
  lookups: number;
  /** Set when the analytics share of a rate-limit window is used up: due posts wait until then. */
  deferredUntil: Date | null;
  /** Set when the account cannot be used (needs reconnecting). */
  skipped: string | null;
};

/**
 * Reads the metrics of an account's posts that are due (decaying cadence), 100 per call to
 * X, within the analytics share of the rate-limit budget. Posts X no longer has (deleted)
 * stop being polled. Announces `metrics.updated` after each stored batch.
 *
 * @example
 * const { polled, deferredUntil } = await collectPostMetrics(db, analytics, accountId);
 */
export async function collectPostMetrics(db: Executor, deps: AnalyticsDeps, accountId: string): Promise<PostMetricsOutcome> {
  const outcome: PostMetricsOutcome = { polled: 0, lookups: 0, deferredUntil: null, skipped: null };
  while (outcome.lookups < MAX_LOOKUPS_PER_JOB) {
    const now = deps.clock.now();
    const due = await db
      .select({ id: trackedPosts.id, xPostId: trackedPosts.xPostId, postedAt: trackedPosts.postedAt, workspaceId: trackedPosts.workspaceId })
      .from(trackedPosts)
      .where(and(eq(trackedPosts.xAccountId, accountId), lte(trackedPosts.nextPollAt, now)))
      .orderBy(asc(trackedPosts.nextPollAt))
      .limit(POSTS_PER_LOOKUP);
    const [first] = due;
    if (!first) return outcome;

    let found;
    try {
      found = await withXAccount(
        db,
        deps.xAccounts,
        accountId,
        'GET /2/tweets',
        (x) => x.v2.tweets(due.map((post) => post.xPostId), { 'tweet.fields': ['public_metrics', 'non_public_metrics', 'organic_metrics', 'created_at'] }),
        { keepShare: analyticsKeepShare(deps) },
      );
    } catch (error) {
      if (error instanceof XRateLimitedError) return { ...outcome, deferredUntil: error.retryAt };
      if (error instanceof XAccountNeedsReauthError) return { ...outcome, skipped: error.message };
      throw error;
    }
    outcome.lookups++;

    const byId = new Map((found.data ?? []).map((tweet) => [tweet.id, tweet]));
    const capturedAt = deps.clock.now();
    await db.transaction(async (tx) => {
      for (const post of due) {
        const tweet = byId.get(post.xPostId);
        if (tweet) await recordPostMetrics(tx, post, readingFromX(tweet), capturedAt);
      }
      const gone = due.filter((post) => !byId.has(post.xPostId)).map((post) => post.id);
      // X answers deleted posts with an error entry: there is nothing more to read.
      if (gone.length > 0) await tx.update(trackedPosts).set({ nextPollAt: null }).where(inArray(trackedPosts.id, gone));
      await emitWorkspaceEvent(tx, first.workspaceId, {
        type: 'metrics.updated',
        xAccountId: accountId,
        posts: byId.size,
        capturedAt: capturedAt.toISOString(),
      });
    });
    outcome.polled += byId.size;
  }
  return outcome;
}
