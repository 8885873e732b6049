import { and, eq, inArray } from 'drizzle-orm';
import { posts, xAccounts, type Executor } from '@tweetflow/db';
import { emitPostChanged } from '../../events/workspace-events';

export type ClaimedPost = typeof posts.$inferSelect & {
  account: { id: string; xUserId: string; username: string; queuePaused: boolean } | null;
};

/**
 * Marks the post `publishing` if this job is still the post's job and the post still
 * wants publishing; null otherwise (edited, rescheduled, unscheduled, deleted, or already
 * done), in which case the job just stands down. `publishing` and `outcome_unknown` are
 * claimable too: a retry after a crash or an unanswered call finds them so.
 *
 * @example
 * const post = await claimPost(db, { postId, jobId, now });
 */
export async function claimPost(db: Executor, input: { postId: string; jobId: string; now: Date }): Promise<ClaimedPost | null> {
  return db.transaction(async (tx) => {
    const [post] = await tx
      .update(posts)
      .set({ status: 'publishing', updatedAt: input.now })
      .where(
        and(
          eq(posts.id, input.postId),
          eq(posts.publishJobId, input.jobId),
          inArray(posts.status, ['scheduled', 'publishing', 'outcome_unknown']),
        ),
      )
      .returning();
    if (!post) return null;
    const [account] = post.xAccountId
      ? await tx
          .select({ id: xAccounts.id, xUserId: xAccounts.xUserId, username: xAccounts.username, queuePaused: xAccounts.queuePaused })
          .from(xAccounts)
          .where(eq(xAccounts.id, post.xAccountId))
      : [];
    await emitPostChanged(tx, post.workspaceId, { postId: post.id, status: 'publishing', scheduledAt: post.scheduledAt });
    return { ...post, account: account ?? null };
  });
}
