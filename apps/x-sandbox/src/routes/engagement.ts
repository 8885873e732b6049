import { z } from 'zod';
import { json, type SandboxResponse } from '../http/responses';
import { clientForbidden, notFound } from '../problems';
import { likePost, repostPost, unlikePost, unrepostPost } from '../state/engagement';
import type { SandboxPost, SandboxUser } from '../state/types';
import { userRoute, type SandboxRoute, type UserContext } from './context';
import { parseJsonBody } from './validation';

const LIKE = ['tweet.read', 'users.read', 'like.write'];
const REPOST = ['tweet.read', 'users.read', 'tweet.write'];
const targetBody = z.object({ tweet_id: z.string().regex(/^\d{1,19}$/) });

/** Likes and reposts by the token's own user. */
export const engagementRoutes: SandboxRoute[] = [
  userRoute('POST', '/2/users/:id/likes', LIKE, (context, { id = '' }) =>
    withTarget(context, id, undefined, (user, post) => {
      likePost(context.world, user, post);
      return json(200, { data: { liked: true } });
    }),
  ),
  userRoute('DELETE', '/2/users/:id/likes/:tweet_id', LIKE, (context, { id = '', tweet_id = '' }) =>
    withTarget(context, id, tweet_id, (user, post) => {
      unlikePost(context.world, user, post);
      return json(200, { data: { liked: false } });
    }),
  ),
  userRoute('POST', '/2/users/:id/retweets', REPOST, (context, { id = '' }) =>
    withTarget(context, id, undefined, (user, post) => {
      repostPost(context.world, user, post);
      return json(200, { data: { id: post.id, retweeted: true } });
    }),
  ),
  userRoute('DELETE', '/2/users/:id/retweets/:source_tweet_id', REPOST, (context, { id = '', source_tweet_id = '' }) =>
    withTarget(context, id, source_tweet_id, (user, post) => {
      unrepostPost(context.world, user, post);
      return json(200, { data: { retweeted: false } });
    }),
  ),
];

/** Checks the path user is the token's user and finds the post (from the path, or the JSON body). */
function withTarget(
  context: UserContext,
  userId: string,
  postIdFromPath: string | undefined,
  act: (user: SandboxUser, post: SandboxPost) => SandboxResponse,
): SandboxResponse {
  if (userId !== context.user.id) return clientForbidden('You can only like or repost as the authenticated user.');
  let postId = postIdFromPath;
  if (postId === undefined) {
    const parsed = parseJsonBody(context.body, targetBody);
    if (!parsed.ok) return parsed.response;
    postId = parsed.value.tweet_id;
  }
  const post = context.world.store.posts.get(postId);
  if (!post) return notFound(`Could not find tweet with id: [${postId}].`);
  return act(context.user, post);
}
