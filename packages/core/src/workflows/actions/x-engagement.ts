import type { Executor } from '@tweetflow/db';
import { withXAccount } from '../../x-accounts/with-x-account';
import type { NodeContext } from './node-context';
import { done, StepFailure, type NodeResult } from './node-result';
import { xAccountOf } from './x-account-of';
import { asStepError } from './x-errors';

type Engagement = 'like' | 'repost' | 'delete';

const ENDPOINTS: Record<Engagement, string> = {
  like: 'POST /2/users/:id/likes',
  repost: 'POST /2/users/:id/retweets',
  delete: 'DELETE /2/tweets/:id',
};

/**
 * Likes, reposts or deletes a post as the node's account. All three are idempotent at X
 * (liking twice leaves one like; deleting a deleted post is reported as done), so a step
 * resumed after a crash may simply repeat the call.
 *
 * @example
 * await engage(context, 'like', { accountId, postId: '1849' });
 */
export async function engage(context: NodeContext, action: Engagement, params: { accountId: unknown; postId: unknown }): Promise<NodeResult> {
  const postId = String(params.postId ?? '').trim();
  if (!/^\d{1,19}$/.test(postId)) throw new StepFailure(`"${postId}" is not the id of a post on X.`);
  const account = await xAccountOf(context.db, context.workspaceId, params.accountId);
  if (context.dryRun) return done({ postId, dryRun: true, action });
  try {
    await call(context.db, context, account, action, postId);
  } catch (error) {
    if (action === 'delete' && (error as { code?: number }).code === 404) return done({ postId, deleted: true });
    throw asStepError(error);
  }
  return done(action === 'delete' ? { postId, deleted: true } : { postId, done: true });
}

async function call(db: Executor, { deps }: NodeContext, account: { id: string; xUserId: string }, action: Engagement, postId: string) {
  const options = { timeout: deps.xRequestTimeoutMs };
  await withXAccount(db, deps.xAccounts, account.id, ENDPOINTS[action], (x) => {
    if (action === 'like') return x.v2.post(`users/${account.xUserId}/likes`, { tweet_id: postId }, options);
    if (action === 'repost') return x.v2.post(`users/${account.xUserId}/retweets`, { tweet_id: postId }, options);
    return x.v2.delete(`tweets/${postId}`, undefined, options);
  });
}
