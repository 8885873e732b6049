import { eq } from 'drizzle-orm';
import { posts, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import { emitPostChanged, emitWorkspaceEvent } from '../events/workspace-events';
import { lockEditablePost } from './lock-editable-post';
import { enqueuePublishJobs } from './publish-jobs';
import type { PublishingDeps } from './publishing-deps';

/**
 * Moves a post to another instant (a drag on the calendar, a queue reorder). Drafts and
 * failed posts become scheduled; the zone stays unless a new one is given.
 *
 * @example
 * await reschedulePost(db, deps, { workspaceId, postId, scheduledAt: new Date('2026-12-02T08:00:00Z') });
 */
export async function reschedulePost(
  db: Executor,
  deps: PublishingDeps,
  input: { workspaceId: string; postId: string; scheduledAt: Date; timezone?: string },
): Promise<void> {
  if (input.scheduledAt.getTime() < deps.clock.now().getTime() - 60_000) {
    throw new DomainError('bad_request', 'That time has already passed; drop the post on a time in the future.');
  }
  await db.transaction(async (tx) => {
    const post = await lockEditablePost(tx, input.workspaceId, input.postId);
    if (!post.xAccountId) throw new DomainError('bad_request', 'This post has no X account any more; edit it to choose one.');
    const [jobId] = await enqueuePublishJobs(tx, deps.boss, [{ postId: post.id, at: input.scheduledAt }]);
    await tx
      .update(posts)
      .set({
        status: 'scheduled',
        scheduledAt: input.scheduledAt,
        timezone: input.timezone ?? post.timezone,
        publishJobId: jobId!,
        statusReason: null,
        updatedAt: deps.clock.now(),
      })
      .where(eq(posts.id, post.id));
    await emitPostChanged(tx, input.workspaceId, { postId: post.id, status: 'scheduled', scheduledAt: input.scheduledAt });
  });
}

/**
 * Takes a scheduled post off the schedule; it stays as a draft.
 *
 * @example
 * await unschedulePost(db, deps, { workspaceId, postId });
 */
export async function unschedulePost(db: Executor, deps: PublishingDeps, input: { workspaceId: string; postId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const post = await lockEditablePost(tx, input.workspaceId, input.postId);
    await tx
      .update(posts)
      .set({ status: 'draft', publishJobId: null, statusReason: null, updatedAt: deps.clock.now() })
      .where(eq(posts.id, post.id));
    await emitPostChanged(tx, input.workspaceId, { postId: post.id, status: 'draft', scheduledAt: post.scheduledAt });
  });
}

/**
 * Deletes a post that is not on X (draft, scheduled or failed); its job stands down.
 *
 * @example
 * await deletePost(db, { workspaceId, postId });
 */
export async function deletePost(db: Executor, input: { workspaceId: string; postId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const post = await lockEditablePost(tx, input.workspaceId, input.postId);
    await tx.delete(posts).where(eq(posts.id, post.id));
    await emitWorkspaceEvent(tx, input.workspaceId, { type: 'post.deleted', postId: post.id });
  });
}
