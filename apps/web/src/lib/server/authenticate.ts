import type { RequestEvent } from '@sveltejs/kit';
import type { Caller } from '@tweetflow/api';
import { authenticateApiToken, DomainError, validateSessionToken, type SessionUser } from '@tweetflow/core';
import type { Runtime } from '@tweetflow/core';
import { cookiesAreSecure, deleteSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie';

export type Authentication = { caller: Caller | null; user: SessionUser | null; failure: string | null };

/**
 * Who sent this request: a personal API token in `Authorization: Bearer` (API only), or
 * the session cookie. A failed token keeps its reason, so the API can say why it refused.
 */
export async function authenticate(event: RequestEvent, runtime: Runtime): Promise<Authentication> {
  const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer && event.url.pathname.startsWith('/api/')) {
    try {
      const token = await authenticateApiToken(runtime.db, runtime.clock, bearer);
      return { caller: { kind: 'api-token', userId: token.userId, token }, user: null, failure: null };
    } catch (error) {
      if (error instanceof DomainError) return { caller: null, user: null, failure: error.message };
      throw error;
    }
  }

  const secure = cookiesAreSecure(event.url);
  const token = readSessionCookie(event.cookies, secure);
  if (!token) return { caller: null, user: null, failure: null };
  const session = await validateSessionToken(runtime.db, runtime.clock, token);
  if (!session) {
    deleteSessionCookie(event.cookies, secure);
    return { caller: null, user: null, failure: null };
  }
  // Only a renewed session needs a new cookie; re-sending it on every request would let a
  // slow response put back a cookie the person had just cleared.
  if (session.renewed) setSessionCookie(event.cookies, token, session.expiresAt, secure);
  return {
    caller: { kind: 'session', userId: session.user.id, sessionId: session.sessionId },
    user: session.user,
    failure: null,
  };
}
