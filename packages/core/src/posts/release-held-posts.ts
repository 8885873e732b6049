import { and, eq, isNull } from 'drizzle-orm';
import { posts, type Executor } from '@tweetflow/db';
import { emitPostChanged } from '../events/workspace-events';
import { enqueuePublishJobs } from './publish-jobs';
import type { PublishingDeps } from './publishing-deps';

/**
 * Gives every post held while the account's queue was paused a publish job again: at its
 * planned time, or now when that has passed. Returns how many were released.
 *
 * @example
 * await releaseHeldPosts(db, deps, { accountId });
 */
export async function releaseHeldPosts(db: Executor, deps: PublishingDeps, input: { accountId: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const held = await tx
      .select({ id: posts.id, workspaceId: posts.workspaceId, scheduledAt: posts.scheduledAt })
      .from(posts)
      .where(and(eq(posts.xAccountId, input.accountId), eq(posts.status, 'scheduled'), isNull(posts.publishJobId)))
      .for('update');
    const now = deps.clock.now();
    const due = held.map((post) => ({ postId: post.id, at: post.scheduledAt && post.scheduledAt > now ? post.scheduledAt : now }));
    const jobIds = await enqueuePublishJobs(tx, deps.boss, due);
    for (const [index, post] of held.entries()) {
      await tx.update(posts).set({ publishJobId: jobIds[index]!, statusReason: null, updatedAt: now }).where(eq(posts.id, post.id));
      await emitPostChanged(tx, post.workspaceId, { postId: post.id, status: 'scheduled', scheduledAt: post.scheduledAt });
    }
    return held.length;
  });
}
