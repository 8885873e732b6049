import { and, eq, isNotNull } from 'drizzle-orm';
import { postItems, posts, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import { emitPostChanged } from '../events/workspace-events';
import { insertItems } from './create-posts';
import { lockEditablePost } from './lock-editable-post';
import { assertPostContentBelongs } from './post-content-check';
import { postContentColumns, type PostContent, type PublishTiming } from './post-input';
import { loadPostViews, type PostView } from './post-view';
import { enqueuePublishJobs } from './publish-jobs';
import type { PublishingDeps } from './publishing-deps';
import { resolveTiming } from './resolve-timing';

/**
 * Replaces a draft's, scheduled or failed post's content and timing. A new publish job is
 * enqueued for the new time; the old one finds it is no longer the post's job and stands down.
 *
 * @example
 * await updatePost(db, deps, { workspaceId, postId, userTimezone, content, timing: { kind: 'draft' } });
 */
export async function updatePost(
  db: Executor,
  deps: PublishingDeps,
  input: { workspaceId: string; postId: string; userTimezone: string; content: PostContent; timing: PublishTiming },
): Promise<PostView> {
  await assertPostContentBelongs(db, input.workspaceId, [input.content]);
  await db.transaction(async (tx) => {
    // Inside the transaction: a queue slot stays locked until this post has taken it.
    const timing = await resolveTiming(tx, input.timing, {
      accountId: input.content.accountId,
      now: deps.clock.now(),
      userTimezone: input.userTimezone,
    });
    const post = await lockEditablePost(tx, input.workspaceId, input.postId);
    const published = await tx.select({ position: postItems.position }).from(postItems).where(and(eq(postItems.postId, post.id), isNotNull(postItems.xPostId)));
    if (published.length > 0) {
      // Replacing the items would forget which are on X and post them a second time.
      throw new DomainError('conflict', `Part of this thread is already on X (${published.length} of its posts); retry it to publish the rest, or delete what is on X first.`);
    }
    await tx.delete(postItems).where(eq(postItems.postId, post.id));
    await insertItems(tx, [{ postId: post.id, content: input.content }]);
    const [jobId] = timing.scheduledAt ? await enqueuePublishJobs(tx, deps.boss, [{ postId: post.id, at: timing.scheduledAt }]) : [];
    const status = timing.scheduledAt ? ('scheduled' as const) : ('draft' as const);
    await tx
      .update(posts)
      .set({
        ...postContentColumns(input.content),
        status,
        scheduledAt: timing.scheduledAt,
        timezone: timing.timezone,
        publishJobId: jobId ?? null,
        statusReason: null,
        updatedAt: deps.clock.now(),
      })
      .where(eq(posts.id, post.id));
    await emitPostChanged(tx, input.workspaceId, { postId: post.id, status, scheduledAt: timing.scheduledAt });
  });
  const [view] = await loadPostViews(db, input.workspaceId, [input.postId]);
  return view!;
}
