import type { Cookies } from '@sveltejs/kit';
import { createSession } from '@tweetflow/core';
import { getRuntime } from './runtime.ts';
import { cookiesAreSecure, setSessionCookie } from './session-cookie.ts';

/** Starts a session for a user and sets its cookie. */
export async function startSession(cookies: Cookies, url: URL, userId: string): Promise<void> {
  const runtime = await getRuntime();
  const { token, expiresAt } = await createSession(runtime.db, runtime.clock, userId);
  setSessionCookie(cookies, token, expiresAt, cookiesAreSecure(url));
}
