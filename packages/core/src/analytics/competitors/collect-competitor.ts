import { eq, sql } from 'drizzle-orm';
import { competitorPosts, competitors, competitorSnapshots, type Executor } from '@tweetflow/db';
import { emitWorkspaceEvent } from '../../events/workspace-events';
import { XAccountNeedsReauthError, XRateLimitedError } from '../../x-accounts/errors';
import { withXAccount } from '../../x-accounts/with-x-account';
import { analyticsKeepShare, type AnalyticsDeps } from '../analytics-deps';
import { engagementsOf } from '../engagement';
import { publicFiguresFromX } from '../record-post-metrics';
import { CALLS_PER_COMPETITOR_READ, nextBudgetDay, takeCompetitorCalls } from './competitor-budget';
import { readingAccount } from './reading-account';

const DAY_MS = 24 * 60 * 60_000;
/** Recent posts read per competitor per day: one page. */
const POSTS_PER_READ = 20;

export type CompetitorOutcome = { collected: boolean; reason: string | null };

/**
 * A competitor's daily read: profile figures (a snapshot) and its latest posts with their
 * public figures, with a connected account's token, two calls from the workspace's daily
 * competitor budget and within the analytics share of the rate limits. When it cannot
 * happen the reason is kept for the competitors page and the read is tried again later.
 *
 * @example
 * await collectCompetitor(db, analytics, competitorId);
 */
export async function collectCompetitor(db: Executor, deps: AnalyticsDeps, competitorId: string): Promise<CompetitorOutcome> {
  const [competitor] = await db.select().from(competitors).where(eq(competitors.id, competitorId));
  if (!competitor) return { collected: false, reason: 'The competitor was removed.' };
  const now = deps.clock.now();
  const postpone = async (reason: string, until: Date): Promise<CompetitorOutcome> => {
    await db.update(competitors).set({ lastError: reason, nextCollectAt: until }).where(eq(competitors.id, competitorId));
    return { collected: false, reason };
  };

  const accountId = await readingAccount(db, competitor.workspaceId, competitor.viaXAccountId);
  if (!accountId) return postpone('Connect an X account (or reconnect one): competitors are read with its access.', new Date(now.getTime() + DAY_MS));
  if (!(await takeCompetitorCalls(db, competitor.workspaceId, deps.competitorDailyCalls, now, CALLS_PER_COMPETITOR_READ))) {
    return postpone(`Today's competitor budget (${deps.competitorDailyCalls} calls to X) is used up; the next read is tomorrow.`, nextBudgetDay(now));
  }

  const options = { keepShare: analyticsKeepShare(deps) };
  try {
    const profile = await withXAccount(db, deps.xAccounts, accountId, 'GET /2/users/:id', (x) => x.v2.user(competitor.xUserId, { 'user.fields': ['public_metrics', 'profile_image_url'] }), options);
    if (!profile.data) return postpone(`X no longer has @${competitor.username} (deleted, suspended or renamed).`, new Date(now.getTime() + DAY_MS));
    const timeline = await withXAccount(
      db,
      deps.xAccounts,
      accountId,
      'GET /2/users/:id/tweets',
      (x) => x.v2.userTimeline(competitor.xUserId, { max_results: POSTS_PER_READ, exclude: ['retweets'], 'tweet.fields': ['created_at', 'public_metrics'] }),
      options,
    );
    const capturedAt = deps.clock.now();
    const metrics = profile.data.public_metrics;
    await db.transaction(async (tx) => {
      await tx.insert(competitorSnapshots).values({
        competitorId,
        capturedAt,
        followers: metrics?.followers_count ?? 0,
        following: metrics?.following_count ?? 0,
        posts: metrics?.tweet_count ?? 0,
      });
      for (const tweet of timeline.tweets) {
        if (!tweet.created_at) continue;
        const figures = publicFiguresFromX(tweet);
        await tx
          .insert(competitorPosts)
          .values({ competitorId, xPostId: tweet.id, text: tweet.text, postedAt: new Date(tweet.created_at), ...figures, engagements: engagementsOf(figures), updatedAt: capturedAt })
          .onConflictDoUpdate({
            target: [competitorPosts.competitorId, competitorPosts.xPostId],
            set: { ...figures, engagements: engagementsOf(figures), updatedAt: capturedAt },
          });
      }
      await tx
        .update(competitors)
        .set({
          username: profile.data.username,
          displayName: profile.data.name,
          profileImageUrl: profile.data.profile_image_url ?? sql`${competitors.profileImageUrl}`,
          lastCollectedAt: capturedAt,
          lastError: null,
          nextCollectAt: new Date(capturedAt.getTime() + DAY_MS),
        })
        .where(eq(competitors.id, competitorId));
      await emitWorkspaceEvent(tx, competitor.workspaceId, { type: 'metrics.updated', xAccountId: null, posts: timeline.tweets.length, capturedAt: capturedAt.toISOString() });
    });
    return { collected: true, reason: null };
  } catch (error) {
    if (error instanceof XRateLimitedError) return postpone('The analytics share of the X rate limit is used up for now; the read waits for the next window.', error.retryAt);
    if (error instanceof XAccountNeedsReauthError) return postpone(error.message, new Date(now.getTime() + DAY_MS));
    throw error;
  }
}
