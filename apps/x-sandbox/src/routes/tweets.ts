import { json } from '../http/responses';
import { forbidden, invalidRequest, notFound, resourceNotFound } from '../problems';
import { requestedFields } from '../render/fields';
import { renderPost } from '../render/posts';
import { deletePost, publishPost } from '../state/posts';
import { userRoute, type SandboxRoute, type UserContext } from './context';
import { createPostBody, toDraft } from './post-draft';
import { parseJsonBody } from './validation';

const WRITE = ['tweet.read', 'tweet.write', 'users.read'];
const READ = ['tweet.read', 'users.read'];
const ID = /^\d{1,19}$/;

/** Creating, deleting and looking up posts. */
export const tweetRoutes: SandboxRoute[] = [
  userRoute('POST', '/2/tweets', WRITE, ({ world, user, body }) => {
    const parsed = parseJsonBody(body, createPostBody);
    if (!parsed.ok) return parsed.response;
    const result = publishPost(world, user, toDraft(parsed.value));
    if (!result.ok) return result.response;
    const { post } = result;
    return json(201, { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } });
  }),
  userRoute('DELETE', '/2/tweets/:id', WRITE, ({ world, user }, { id = '' }) => {
    const post = world.store.posts.get(id);
    if (!post) return notFound(`Could not find tweet with id: [${id}].`);
    if (post.authorId !== user.id) return forbidden('You are not allowed to delete a Tweet you did not create.');
    deletePost(world, user, id);
    return json(200, { data: { deleted: true } });
  }),
  userRoute('GET', '/2/tweets', READ, (context) => {
    const ids = (context.url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length < 1 || ids.length > 100 || !ids.every((id) => ID.test(id))) {
      return invalidRequest('The `ids` query parameter must list 1 to 100 numeric post ids.', { ids });
    }
    return lookup(context, ids, 'ids');
  }),
  userRoute('GET', '/2/tweets/:id', READ, (context, { id = '' }) => {
    if (!ID.test(id)) return invalidRequest('The `id` path parameter must be a numeric post id.', { id: [id] });
    return lookup(context, [id], 'id');
  }),
];

/** Found posts in `data`, missing ones (and hidden fields) in `errors[]`, still a 200, as on X. */
function lookup({ world, url, user }: UserContext, ids: string[], parameter: 'id' | 'ids') {
  const fields = requestedFields(url, 'tweet.fields', 'post.fields');
  const data: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const id of ids) {
    const post = world.store.posts.get(id);
    if (!post) {
      errors.push(resourceNotFound(parameter, id, 'tweet'));
      continue;
    }
    const rendered = renderPost(world, post, fields, user.id);
    data.push(rendered.data);
    errors.push(...rendered.errors);
  }
  const single = parameter === 'id';
  return json(200, {
    ...(data.length > 0 ? { data: single ? data[0] : data } : {}),
    ...(errors.length > 0 ? { errors } : {}),
  });
}
