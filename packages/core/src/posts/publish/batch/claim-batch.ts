import { and, inArray } from 'drizzle-orm';
import { posts, xAccounts, type Executor } from '@tweetflow/db';
import { emitWorkspaceEvents, postChangedEvent } from '../../../events/workspace-events';
import type { ClaimedPost } from '../claim-post';

/** What sending needs of a post's account beyond `ClaimedPost['account']`. */
export type BatchAccount = NonNullable<ClaimedPost['account']> & {
  status: 'active' | 'needs_reauth' | 'revoked';
  accessTokenCiphertext: string;
  accessTokenExpiresAt: Date;
};

export type BatchPost = ClaimedPost & { jobId: string; sender: BatchAccount | null };

/**
 * `claimPost` for a batch of jobs, in one transaction: every post whose job is still its
 * job and that still wants publishing is marked `publishing`, and comes back with its
 * account (and that account's token, so sending needs no further read). A job id is only
 * ever stored on the post it was made for, so matching posts by id (the primary key finds
 * them) and job ids by set matches the pairs.
 *
 * @example
 * const claimed = await claimBatch(db, jobs.map((job) => ({ id: job.id, postId: job.postId })), now);
 */
export async function claimBatch(db: Executor, jobs: ReadonlyArray<{ id: string; postId: string }>, now: Date): Promise<BatchPost[]> {
  if (jobs.length === 0) return [];
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(posts)
      .set({ status: 'publishing', updatedAt: now })
      .where(
        and(
          inArray(posts.id, jobs.map((job) => job.postId)),
          inArray(posts.publishJobId, jobs.map((job) => job.id)),
          inArray(posts.status, ['scheduled', 'publishing', 'outcome_unknown']),
        ),
      )
      .returning();
    if (claimed.length === 0) return [];
    const accountIds = [...new Set(claimed.flatMap((post) => (post.xAccountId ? [post.xAccountId] : [])))];
    const accounts = accountIds.length
      ? await tx
          .select({
            id: xAccounts.id,
            xUserId: xAccounts.xUserId,
            username: xAccounts.username,
            queuePaused: xAccounts.queuePaused,
            status: xAccounts.status,
            accessTokenCiphertext: xAccounts.accessTokenCiphertext,
            accessTokenExpiresAt: xAccounts.accessTokenExpiresAt,
          })
          .from(xAccounts)
          .where(inArray(xAccounts.id, accountIds))
      : [];
    const byId = new Map(accounts.map((account) => [account.id, account]));
    await emitWorkspaceEvents(
      tx,
      claimed.map((post) => ({
        workspaceId: post.workspaceId,
        event: postChangedEvent({ postId: post.id, status: 'publishing', scheduledAt: post.scheduledAt }),
      })),
    );
    return claimed.map((post) => {
      const sender = (post.xAccountId && byId.get(post.xAccountId)) || null;
      const account = sender ? { id: sender.id, xUserId: sender.xUserId, username: sender.username, queuePaused: sender.queuePaused } : null;
      return { ...post, account, sender, jobId: post.publishJobId! };
    });
  });
}
