import { asc, eq } from 'drizzle-orm';
import { publishAttempts, type Executor } from '@tweetflow/db';
import { postNotFound } from './post-errors';
import { loadPostViews, type PostView } from './post-view';

export type PublishAttemptView = {
  itemPosition: number;
  status: (typeof publishAttempts.$inferSelect)['status'];
  xPostId: string | null;
  errorMessage: string | null;
  startedAt: Date;
  finishedAt: Date | null;
};

/**
 * One post with the history of its calls to X, for the post's detail panel.
 *
 * @example
 * const { attempts } = await getPostDetail(db, { workspaceId, postId });
 */
export async function getPostDetail(db: Executor, input: { workspaceId: string; postId: string }): Promise<PostView & { attempts: PublishAttemptView[] }> {
  const [view] = await loadPostViews(db, input.workspaceId, [input.postId]);
  if (!view) throw postNotFound();
  const attempts = await db
    .select({
      itemPosition: publishAttempts.itemPosition,
      status: publishAttempts.status,
      xPostId: publishAttempts.xPostId,
      errorMessage: publishAttempts.errorMessage,
      startedAt: publishAttempts.startedAt,
      finishedAt: publishAttempts.finishedAt,
    })
    .from(publishAttempts)
    .where(eq(publishAttempts.postId, input.postId))
    .orderBy(asc(publishAttempts.startedAt));
  return { ...view, attempts };
}
