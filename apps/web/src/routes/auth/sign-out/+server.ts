import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '@tweetflow/core';
import { getRuntime } from '#lib/server/runtime.ts';
import { cookiesAreSecure, deleteSessionCookie } from '#lib/server/session-cookie.ts';
import type { RequestHandler } from './$types';

/** Ends this browser's session. POST only, so a link or an image cannot sign someone out. */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
  if (locals.caller?.kind === 'session') {
    await invalidateSession((await getRuntime()).db, locals.caller.sessionId);
  }
  deleteSessionCookie(cookies, cookiesAreSecure(url));
  redirect(303, '/');
};
