import { eq, sql } from 'drizzle-orm';
import type { TweetV2 } from 'twitter-api-v2';
import { postMetricSnapshots, trackedPosts, type Executor } from '@tweetflow/db';
import { engagementsOf, type PublicPostMetrics } from './engagement';
import { nextMetricsPollAt } from './metrics-cadence';

/** A post's figures as read from X at one moment. */
export type PostMetricsReading = PublicPostMetrics & {
  urlLinkClicks: number | null;
  profileClicks: number | null;
};

/**
 * The public figures X returned for anyone's post.
 *
 * @example
 * publicFiguresFromX(tweet).likes; // 42
 */
export function publicFiguresFromX(tweet: Pick<TweetV2, 'public_metrics'>): PublicPostMetrics {
  const metrics = tweet.public_metrics;
  return {
    impressions: metrics?.impression_count ?? 0,
    likes: metrics?.like_count ?? 0,
    reposts: metrics?.retweet_count ?? 0,
    replies: metrics?.reply_count ?? 0,
    quotes: metrics?.quote_count ?? 0,
    bookmarks: metrics?.bookmark_count ?? 0,
  };
}

/**
 * The figures X returned for one of the account's own posts: the public ones, plus link and
 * profile clicks, which X shows only to the owner and only for 30 days (in
 * `non_public_metrics`, or the organic ones when only those came).
 *
 * @example
 * readingFromX(tweet).impressions; // 1834
 */
export function readingFromX(tweet: Pick<TweetV2, 'public_metrics' | 'non_public_metrics' | 'organic_metrics'>): PostMetricsReading {
  const owner = tweet.non_public_metrics ?? tweet.organic_metrics;
  return {
    ...publicFiguresFromX(tweet),
    urlLinkClicks: owner?.url_link_clicks ?? null,
    profileClicks: owner?.user_profile_clicks ?? null,
  };
}

/**
 * Stores one snapshot of a tracked post, copies its figures onto the post as the latest
 * ones, and sets when it is read next (decaying cadence).
 *
 * @example
 * await recordPostMetrics(tx, { id, postedAt }, readingFromX(tweet), clock.now());
 */
export async function recordPostMetrics(
  db: Executor,
  post: { id: string; postedAt: Date },
  reading: PostMetricsReading,
  capturedAt: Date,
): Promise<void> {
  const engagements = engagementsOf(reading);
  await db.insert(postMetricSnapshots).values({ trackedPostId: post.id, capturedAt, ...reading, engagements });
  await db
    .update(trackedPosts)
    .set({
      ...reading,
      // A later read without owner figures (past 30 days) keeps the last ones X gave.
      urlLinkClicks: reading.urlLinkClicks ?? sql`${trackedPosts.urlLinkClicks}`,
      profileClicks: reading.profileClicks ?? sql`${trackedPosts.profileClicks}`,
      engagements,
      lastPolledAt: capturedAt,
      nextPollAt: nextMetricsPollAt(post.postedAt, capturedAt),
    })
    .where(eq(trackedPosts.id, post.id));
}
