import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'tf_session';

/**
 * The session cookie: httpOnly (no script can read it), SameSite=Lax (not sent on
 * cross-site POSTs), Secure whenever the app is served over https.
 */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean): void {
  cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** Secure cookies need https; plain-http localhost development would otherwise drop them. */
export function cookiesAreSecure(url: URL): boolean {
  return url.protocol === 'https:';
}
