import { and, eq } from 'drizzle-orm';
import { postItems, posts, type Executor } from '@tweetflow/db';
import { emitPostChanged } from '../../events/workspace-events';
import { notifyWorkspaceEditors } from '../../notifications/notify-members';
import { finishAttempt } from './publish-attempts';
import { enqueuePublishJobs } from '../publish-jobs';
import type { PublishDeps } from './publish-deps';
import type { ClaimedPost } from './claim-post';

/**
 * Records that an item is on X, with the attempt that put it there, in one transaction.
 * For the thread's last item (`completes`), the post is marked published in the same
 * transaction: one commit instead of two on every post's path.
 *
 * @example
 * await markItemPublished(db, { postItemId, xPostId, attemptId, now, completes: isLast ? post : undefined });
 */
export async function markItemPublished(
  db: Executor,
  input: { postItemId: string; xPostId: string; attemptId: string | null; now: Date; completes?: ClaimedPost },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(postItems).set({ xPostId: input.xPostId, publishedAt: input.now }).where(eq(postItems.id, input.postItemId));
    if (input.attemptId) await finishAttempt(tx, input.attemptId, { status: 'succeeded', xPostId: input.xPostId, now: input.now });
    if (input.completes) await setPostPublished(tx, input.completes, input.now);
  });
}

/**
 * The whole thread is on X (when its last item was already there before this run).
 *
 * @example
 * await markPostPublished(db, post, now);
 */
export async function markPostPublished(db: Executor, post: ClaimedPost, now: Date): Promise<void> {
  await db.transaction((tx) => setPostPublished(tx, post, now));
}

async function setPostPublished(tx: Executor, post: ClaimedPost, now: Date): Promise<void> {
  await tx
    .update(posts)
    .set({ status: 'published', publishedAt: now, statusReason: null, publishJobId: null, updatedAt: now })
    .where(eq(posts.id, post.id));
  await emitPostChanged(tx, post.workspaceId, { postId: post.id, status: 'published', scheduledAt: post.scheduledAt, publishedAt: now });
}

/**
 * Gives up on a post with a reason a person can act on, and tells the workspace's editors.
 *
 * @example
 * await failPost(db, post, 'X rejected the post: duplicate content.', now);
 */
export async function failPost(db: Executor, post: ClaimedPost, reason: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [failed] = await tx
      .update(posts)
      .set({ status: 'failed', statusReason: reason, publishJobId: null, updatedAt: now })
      .where(and(eq(posts.id, post.id), eq(posts.status, 'publishing')))
      .returning({ id: posts.id });
    if (!failed) return;
    await emitPostChanged(tx, post.workspaceId, { postId: post.id, status: 'failed', statusReason: reason, scheduledAt: post.scheduledAt });
    const who = post.account ? `@${post.account.username}` : 'A post';
    await notifyWorkspaceEditors(tx, post.workspaceId, {
      kind: 'post.failed',
      title: `${who}: a post could not be published`,
      body: reason,
      link: `/app/compose?post=${post.id}`,
    });
  });
}

/**
 * Puts the post back to `scheduled` with a new job at `at` (a rate-limit window's reset),
 * keeping its planned time on the calendar and saying why it waits.
 *
 * @example
 * await deferPost(db, deps, post, { at: retryAt, reason: 'Waiting for X's rate limit …' });
 */
export async function deferPost(db: Executor, deps: PublishDeps, post: ClaimedPost, input: { at: Date; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [jobId] = await enqueuePublishJobs(tx, deps.boss, [{ postId: post.id, at: input.at }]);
    await tx
      .update(posts)
      .set({ status: 'scheduled', statusReason: input.reason, publishJobId: jobId!, updatedAt: deps.clock.now() })
      .where(eq(posts.id, post.id));
    await emitPostChanged(tx, post.workspaceId, { postId: post.id, status: 'scheduled', statusReason: input.reason, scheduledAt: post.scheduledAt });
  });
}

/**
 * Leaves the post `scheduled` without a job while its account's queue is paused;
 * resuming the queue gives it a job again (`releaseHeldPosts`).
 *
 * @example
 * await holdPost(db, post, now);
 */
export async function holdPost(db: Executor, post: ClaimedPost, now: Date): Promise<void> {
  const reason = `Held: the queue of @${post.account?.username ?? 'this account'} is paused. Resume it to publish.`;
  await db.transaction(async (tx) => {
    await tx.update(posts).set({ status: 'scheduled', statusReason: reason, publishJobId: null, updatedAt: now }).where(eq(posts.id, post.id));
    await emitPostChanged(tx, post.workspaceId, { postId: post.id, status: 'scheduled', statusReason: reason, scheduledAt: post.scheduledAt });
  });
}

/**
 * The attempt failed in a way worth retrying; the job's retry (with backoff) comes next.
 * When X may have acted (`outcomeUnknown`), the post shows so until the retry reconciles.
 *
 * @example
 * await awaitRetry(db, post, { reason, outcomeUnknown: true, now });
 */
export async function awaitRetry(db: Executor, post: ClaimedPost, input: { reason: string; outcomeUnknown: boolean; now: Date }): Promise<void> {
  const status = input.outcomeUnknown ? ('outcome_unknown' as const) : ('scheduled' as const);
  await db.transaction(async (tx) => {
    await tx
      .update(posts)
      .set({ status, statusReason: input.reason, updatedAt: input.now })
      .where(and(eq(posts.id, post.id), eq(posts.status, 'publishing')));
    await emitPostChanged(tx, post.workspaceId, { postId: post.id, status, statusReason: input.reason, scheduledAt: post.scheduledAt });
  });
}
