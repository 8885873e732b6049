import { json, type SandboxResponse } from '../http/responses';
import { compareIds } from '../ids';
import { invalidRequest } from '../problems';
import { pageNewestFirst, type PageRequest } from '../pagination';
import { requestedFields } from '../render/fields';
import { renderPost } from '../render/posts';
import { renderUser } from '../render/users';
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
  return pagedPosts(
    context,
    ids,
    { maxResults, token: context.url.searchParams.get(tokenName), stopAt: (id) => atOrBeforeSinceId(context.url, id), ...(accepts ? { accepts } : {}) },
    tokenName,
  );
}

/**
 * X's `since_id`: only posts newer than this id. Ids grow with time, so the walk from the
 * newest post stops at the first id at or below it.
 *
 * @example
 * atOrBeforeSinceId(new URL('http://x/?since_id=100'), '99'); // true
 */
export function atOrBeforeSinceId(url: URL, id: string): boolean {
  const sinceId = url.searchParams.get('since_id');
  return sinceId !== null && /^\d+$/.test(sinceId) && compareIds(id, sinceId) <= 0;
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
  const includes = expandAuthors(context, page.ids);
  return json(200, {
    ...(data.length > 0 ? { data } : {}),
    ...(includes ? { includes } : {}),
    ...(errors.length > 0 ? { errors } : {}),
    meta: page.meta,
  });
}

/** `expansions=author_id`: the page's authors under `includes.users`, as X sends them. */
function expandAuthors({ world, url }: UserContext, ids: string[]): { users: Record<string, unknown>[] } | undefined {
  const expansions = (url.searchParams.get('expansions') ?? '').split(',');
  if (!expansions.includes('author_id') || ids.length === 0) return undefined;
  const fields = requestedFields(url, 'user.fields');
  const authorIds = new Set(ids.flatMap((id) => world.store.posts.get(id)?.authorId ?? []));
  const users = [...authorIds].flatMap((authorId) => {
    const user = world.store.users.get(authorId);
    return user ? [renderUser(world, user, fields)] : [];
  });
  return { users };
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
