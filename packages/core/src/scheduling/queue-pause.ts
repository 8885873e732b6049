import { eq } from 'drizzle-orm';
import { xAccounts, type Executor } from '@tweetflow/db';
import type { PublishingDeps } from '../posts/publishing-deps';
import { releaseHeldPosts } from '../posts/release-held-posts';
import { loadQueueAccount } from './queue-account';

/**
 * Pauses the account's queue: its scheduled posts keep their times but the publishing
 * engine holds each one when it comes due, until the queue is resumed.
 *
 * @example
 * await pauseQueue(db, deps, { workspaceId, accountId });
 */
export async function pauseQueue(db: Executor, deps: PublishingDeps, input: { workspaceId: string; accountId: string }): Promise<void> {
  const account = await loadQueueAccount(db, input);
  await db.update(xAccounts).set({ queuePaused: true, updatedAt: deps.clock.now() }).where(eq(xAccounts.id, account.id));
}

/**
 * Resumes the account's queue. Posts held while it was paused get a publish job again:
 * at their planned time, or right away when that has passed. Returns how many were held.
 *
 * @example
 * const released = await resumeQueue(db, deps, { workspaceId, accountId });
 */
export async function resumeQueue(db: Executor, deps: PublishingDeps, input: { workspaceId: string; accountId: string }): Promise<{ released: number }> {
  return db.transaction(async (tx) => {
    const account = await loadQueueAccount(tx, input);
    await tx.update(xAccounts).set({ queuePaused: false, updatedAt: deps.clock.now() }).where(eq(xAccounts.id, account.id));
    return { released: await releaseHeldPosts(tx, deps, { accountId: account.id }) };
  });
}
