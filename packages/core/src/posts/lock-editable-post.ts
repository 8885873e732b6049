import { and, eq } from 'drizzle-orm';
import { posts, type Transaction } from '@tweetflow/db';
import { postNotEditable, postNotFound } from './post-errors';

const EDITABLE = new Set(['draft', 'scheduled', 'failed']);

/**
 * Locks a post of the workspace for a change and returns it, or throws when it cannot be
 * changed. The publish job claims a post by updating the same row, so holding this lock
 * means the job either already claimed it (refused here) or will see the change.
 *
 * @example
 * const post = await lockEditablePost(tx, workspaceId, postId);
 */
export async function lockEditablePost(tx: Transaction, workspaceId: string, postId: string) {
  const [post] = await tx
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.workspaceId, workspaceId)))
    .for('update');
  if (!post) throw postNotFound();
  if (!EDITABLE.has(post.status)) throw postNotEditable(post.status);
  return post;
}
