import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { postItems, posts, postSeries, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import { emitWorkspaceEvents, postChangedEvent, type Envelope } from '../events/workspace-events';
import { insertItems } from '../posts/create-posts';
import { assertPostContentBelongs } from '../posts/post-content-check';
import { postContentColumns, type PostContent } from '../posts/post-input';
import type { PublishingDeps } from '../posts/publishing-deps';

/** Posts of a series a change still reaches: those not yet on their way to X. */
const UPCOMING = ['scheduled', 'draft'] as const;

/**
 * Gives every upcoming post of a series the same new content (account, thread, media,
 * reply and quote), keeping each one's time; published posts, and posts publishing right
 * now, stay as they are. Answers how many posts changed. The rows are locked first, so a
 * publish job either claimed a post before (it is left out) or publishes the new content.
 *
 * @example
 * const { updated } = await updateSeriesContent(db, deps, { workspaceId, seriesId, content });
 */
export async function updateSeriesContent(
  db: Executor,
  deps: Pick<PublishingDeps, 'clock'>,
  input: { workspaceId: string; seriesId: string; content: PostContent },
): Promise<{ updated: number }> {
  await assertPostContentBelongs(db, input.workspaceId, [input.content]);
  return db.transaction(async (tx) => {
    const upcoming = await lockUpcoming(tx, input.workspaceId, input.seriesId);
    if (upcoming.length === 0) return { updated: 0 };
    const ids = upcoming.map((post) => post.id);
    const onX = await tx.select({ postId: postItems.postId }).from(postItems).where(and(inArray(postItems.postId, ids), isNotNull(postItems.xPostId))).limit(1);
    if (onX.length > 0) throw new DomainError('conflict', 'Part of an upcoming post of this series is already on X; retry that post on its own first.');
    await tx.delete(postItems).where(inArray(postItems.postId, ids));
    await insertItems(tx, ids.map((postId) => ({ postId, content: input.content })));
    await tx
      .update(posts)
      .set({ ...postContentColumns(input.content), updatedAt: deps.clock.now() })
      .where(inArray(posts.id, ids));
    await emitWorkspaceEvents(
      tx,
      upcoming.map((post): Envelope => ({ workspaceId: input.workspaceId, event: postChangedEvent({ postId: post.id, status: post.status, scheduledAt: post.scheduledAt }) })),
    );
    return { updated: ids.length };
  });
}

/**
 * Ends a series: its upcoming posts are deleted (their jobs find no post and stand down);
 * what it already published stays, still grouped as the series. Answers how many posts
 * were deleted.
 *
 * @example
 * const { deleted } = await stopSeries(db, { workspaceId, seriesId });
 */
export async function stopSeries(db: Executor, input: { workspaceId: string; seriesId: string }): Promise<{ deleted: number }> {
  return db.transaction(async (tx) => {
    const upcoming = await lockUpcoming(tx, input.workspaceId, input.seriesId);
    if (upcoming.length === 0) return { deleted: 0 };
    await tx.delete(posts).where(inArray(posts.id, upcoming.map((post) => post.id)));
    await emitWorkspaceEvents(tx, upcoming.map((post): Envelope => ({ workspaceId: input.workspaceId, event: { type: 'post.deleted', postId: post.id } })));
    return { deleted: upcoming.length };
  });
}

/** The series' upcoming posts, locked against the publish jobs' claims; refuses a series of another workspace. */
async function lockUpcoming(tx: Executor, workspaceId: string, seriesId: string) {
  const [series] = await tx.select({ id: postSeries.id }).from(postSeries).where(and(eq(postSeries.id, seriesId), eq(postSeries.workspaceId, workspaceId)));
  if (!series) throw new DomainError('not_found', 'That series does not exist in this workspace (it may have been deleted).');
  return tx
    .select({ id: posts.id, status: posts.status, scheduledAt: posts.scheduledAt })
    .from(posts)
    .where(and(eq(posts.workspaceId, workspaceId), eq(posts.seriesId, seriesId), inArray(posts.status, [...UPCOMING])))
    .orderBy(posts.scheduledAt)
    .for('update');
}
