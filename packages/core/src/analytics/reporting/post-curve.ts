import { asc, eq } from 'drizzle-orm';
import { postMetricSnapshots, trackedPosts, type Executor } from '@tweetflow/db';
import { DomainError } from '../../errors';
import { engagementRate, ENGAGEMENT_RATE_FORMULA } from '../engagement';
import { METRICS_CADENCE } from '../metrics-cadence';
import { findPostPerformance, type PostPerformance } from './post-performance';

export type PostCurvePoint = {
  capturedAt: Date;
  impressions: number;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  urlLinkClicks: number | null;
  profileClicks: number | null;
  engagements: number;
  engagementRate: number | null;
};

export type PostCurve = { post: PostPerformance; formula: string; nextReadAt: Date | null; cadence: typeof METRICS_CADENCE; points: PostCurvePoint[] };

/**
 * One post's drill-down: its latest figures and every snapshot, oldest first.
 *
 * @example
 * const { points } = await postCurve(db, { workspaceId, trackedPostId });
 */
export async function postCurve(db: Executor, input: { workspaceId: string; trackedPostId: string }): Promise<PostCurve> {
  const post = await findPostPerformance(db, input.workspaceId, input.trackedPostId);
  if (!post) throw new DomainError('not_found', 'This post is not followed in this workspace (it may belong to a disconnected account).');
  const [tracked] = await db.select({ nextPollAt: trackedPosts.nextPollAt }).from(trackedPosts).where(eq(trackedPosts.id, post.id));
  const snapshots = await db
    .select()
    .from(postMetricSnapshots)
    .where(eq(postMetricSnapshots.trackedPostId, input.trackedPostId))
    .orderBy(asc(postMetricSnapshots.capturedAt));
  return {
    post,
    formula: ENGAGEMENT_RATE_FORMULA,
    nextReadAt: tracked?.nextPollAt ?? null,
    cadence: METRICS_CADENCE,
    points: snapshots.map(({ id: _id, trackedPostId: _post, ...point }) => ({ ...point, engagementRate: engagementRate(point.engagements, point.impressions) })),
  };
}
