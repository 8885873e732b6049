import type { Cookies } from '@sveltejs/kit';

/**
 * Over https the cookie carries the `__Host-` prefix: browsers then accept it only when
 * it is Secure, has path `/` and no Domain, so neither a sibling subdomain nor a plain-http
 * page can plant or overwrite a session. Plain-http development keeps the bare name,
 * which browsers would otherwise refuse.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-tf_session' : 'tf_session';
}

/**
 * The session cookie: httpOnly (no script can read it), SameSite=Lax (not sent on
 * cross-site POSTs, still sent when X redirects back after OAuth), Secure and
 * `__Host-`-prefixed whenever the app is served over https.
 */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean): void {
  cookies.set(sessionCookieName(secure), token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
  cookies.delete(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function readSessionCookie(cookies: Cookies, secure: boolean): string | undefined {
  return cookies.get(sessionCookieName(secure));
}

/** Secure cookies need https; plain-http localhost development would otherwise drop them. */
export function cookiesAreSecure(url: URL): boolean {
  return url.protocol === 'https:';
}
