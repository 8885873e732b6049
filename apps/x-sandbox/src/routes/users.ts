import { json } from '../http/responses';
import { resourceNotFound } from '../problems';
import { requestedFields } from '../render/fields';
import { renderUser } from '../render/users';
import type { SandboxUser } from '../state/types';
import { userRoute, type SandboxRoute, type UserContext } from './context';

const READ = ['users.read', 'tweet.read'];

/** `GET /2/users/me`, `/2/users/:id`, `/2/users/by/username/:username`. */
export const userRoutes: SandboxRoute[] = [
  userRoute('GET', '/2/users/me', READ, (context) => answer(context, context.user)),
  userRoute('GET', '/2/users/by/username/:username', READ, (context, { username = '' }) =>
    answer(context, context.world.store.userByUsername(username), ['username', username]),
  ),
  userRoute('GET', '/2/users/:id', READ, (context, { id = '' }) =>
    answer(context, context.world.store.users.get(id), ['id', id]),
  ),
];

/** A lookup that finds nothing is still a 200 on X, with the miss described in `errors[]`. */
function answer({ world, url }: UserContext, user: SandboxUser | undefined, missing: [string, string] = ['id', '']) {
  if (!user) return json(200, { errors: [resourceNotFound(missing[0], missing[1], 'user')] });
  return json(200, { data: renderUser(world, user, requestedFields(url, 'user.fields')) });
}
