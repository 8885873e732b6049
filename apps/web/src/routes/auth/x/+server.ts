import { redirect } from '@sveltejs/kit';
import { beginXAuthorization } from '#lib/server/x-authorization.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

/** "Sign in with X": off to X's authorize page. */
export const GET: RequestHandler = async ({ cookies, url }) => {
  const authorizeUrl = beginXAuthorization(await getRuntime(), cookies, url, { kind: 'sign-in' });
  redirect(302, authorizeUrl, { external: [authorizeUrl.origin] });
};
