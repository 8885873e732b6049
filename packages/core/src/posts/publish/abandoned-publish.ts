import { and, eq, inArray } from 'drizzle-orm';
import { posts, type Executor } from '@tweetflow/db';
import { emitPostChanged } from '../../events/workspace-events';
import { notifyWorkspaceEditors } from '../../notifications/notify-members';
import type { PublishingDeps } from '../publishing-deps';

const REASON =
  'Publishing was interrupted too many times (the worker stopped while sending). Check the account on X for this post, then retry or delete it.';

/**
 * A publish job whose retries ran out while its worker kept dying never settled its post;
 * pg-boss hands it to the dead-letter queue, and this fails the post so it does not stay
 * "publishing" forever. Only if the abandoned job is still the post's job.
 *
 * @example
 * await failAbandonedPublish(db, deps, { postId, jobId: job.sourceId });
 */
export async function failAbandonedPublish(db: Executor, deps: PublishingDeps, input: { postId: string; jobId: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [post] = await tx
      .update(posts)
      .set({ status: 'failed', statusReason: REASON, publishJobId: null, updatedAt: now })
      .where(
        and(
          eq(posts.id, input.postId),
          eq(posts.publishJobId, input.jobId),
          inArray(posts.status, ['scheduled', 'publishing', 'outcome_unknown']),
        ),
      )
      .returning({ workspaceId: posts.workspaceId, scheduledAt: posts.scheduledAt });
    if (!post) return false;
    await emitPostChanged(tx, post.workspaceId, { postId: input.postId, status: 'failed', statusReason: REASON, scheduledAt: post.scheduledAt });
    await notifyWorkspaceEditors(tx, post.workspaceId, { kind: 'post.failed', title: 'A post could not be published', body: REASON, link: `/app/compose?post=${input.postId}` });
    return true;
  });
}
