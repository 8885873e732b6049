import { json, type SandboxResponse } from '../http/responses';
import { invalidRequest } from '../problems';
import { pageNewestFirst, type PageRequest } from '../pagination';
import { requestedFields } from '../render/fields';
import { renderPost } from '../render/posts';
import type { SandboxWorld } from '../world';
import { userRoute, type SandboxRoute, type UserContext } from './context';
import { boundedInteger } from './validation';

const READ = ['tweet.read', 'users.read'];

/** A user's posts and the posts mentioning them, newest first, paginated. */
export const timelineRoutes: SandboxRoute[] = [
  userRoute('GET', '/2/users/:id/tweets', READ, (context, { id = '' }) => {
    const excluded = new Set((context.url.searchParams.get('exclude') ?? '').split(','));
    const { posts } = context.world.store;
    const accepts = excluded.has('replies') ? (postId: string) => !posts.get(postId)?.inReplyToPostId : undefined;
    return timeline(context, context.world.store.postIdsByAuthor.get(id) ?? [], 'pagination_token', accepts);
  }),
  userRoute('GET', '/2/users/:id/mentions', READ, (context, { id = '' }) =>
    timeline(context, context.world.store.postIdsByMention.get(id) ?? [], 'pagination_token'),
  ),
];

function timeline(context: UserContext, ids: string[], tokenName: string, accepts?: (id: string) => boolean): SandboxResponse {
  const maxResults = boundedInteger(context.url, 'max_results', 5, 100, 10);
  if (maxResults === undefined) return invalidRequest('`max_results` must be between 5 and 100.', { max_results: [context.url.searchParams.get('max_results') ?? ''] });
  return pagedPosts(context, ids, { maxResults, token: context.url.searchParams.get(tokenName), ...(accepts ? { accepts } : {}) }, tokenName);
}

/**
 * A page of posts in X's list shape (`data`, `errors`, `meta`), shared by timelines and search.
 *
 * @example
 * return pagedPosts(context, ids, { maxResults: 10, token }, 'next_token');
 */
export function pagedPosts(context: UserContext, ids: string[], request: PageRequest, tokenName: string): SandboxResponse {
  const page = pageNewestFirst(ids, request);
  if (!page) return invalidRequest(`The \`${tokenName}\` is not one this endpoint issued.`, { [tokenName]: [request.token ?? ''] });
  const { data, errors } = renderPage(context.world, page.ids, context);
  return json(200, { ...(data.length > 0 ? { data } : {}), ...(errors.length > 0 ? { errors } : {}), meta: page.meta });
}

function renderPage(world: SandboxWorld, ids: string[], { url, user }: UserContext) {
  const fields = requestedFields(url, 'tweet.fields', 'post.fields');
  const data: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const id of ids) {
    const post = world.store.posts.get(id);
    if (!post) continue;
    const rendered = renderPost(world, post, fields, user.id);
    data.push(rendered.data);
    errors.push(...rendered.errors);
  }
  return { data, errors };
}
