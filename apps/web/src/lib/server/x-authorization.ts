import { error, type Cookies } from '@sveltejs/kit';
import { createXOAuth, generateCodeVerifier, generateState, X_SCOPES, type XTokenSet } from '@tweetflow/x';
import type { Runtime } from '@tweetflow/core';
import { cookiesAreSecure } from './session-cookie.ts';

/** Why the person is being sent to X: to sign in, or to connect an account to a workspace. */
export type XAuthorizationPurpose = { kind: 'sign-in' } | { kind: 'connect'; workspaceId: string };

const FLOW_COOKIE = 'tf_x_oauth';
const CALLBACK_PATHS = { 'sign-in': '/auth/x/callback', connect: '/accounts/connect/callback' } as const;

type Flow = { state: string; verifier: string; purpose: XAuthorizationPurpose };

function oauthFor(runtime: Runtime, purpose: XAuthorizationPurpose['kind']) {
  const { config } = runtime;
  return createXOAuth({
    clientId: config.xClient.id,
    clientSecret: config.xClient.secret,
    redirectUri: `${config.publicUrl}${CALLBACK_PATHS[purpose]}`,
    apiBaseUrl: config.X_API_BASE_URL,
  });
}

/**
 * Starts OAuth 2.0 with PKCE (S256): the state and verifier go into a short-lived httpOnly
 * cookie, and the returned URL is X's (or the sandbox's) authorize page.
 */
export function beginXAuthorization(runtime: Runtime, cookies: Cookies, url: URL, purpose: XAuthorizationPurpose): URL {
  const flow: Flow = { state: generateState(), verifier: generateCodeVerifier(), purpose };
  cookies.set(FLOW_COOKIE, JSON.stringify(flow), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookiesAreSecure(url),
    maxAge: 10 * 60,
  });
  return oauthFor(runtime, purpose.kind).authorizationUrl(flow.state, flow.verifier, X_SCOPES);
}

/**
 * Finishes the flow X redirected back to: checks the state against the cookie, exchanges
 * the code, and returns the tokens with the purpose the flow was started for.
 */
export async function completeXAuthorization(
  runtime: Runtime,
  cookies: Cookies,
  url: URL,
  expected: XAuthorizationPurpose['kind'],
): Promise<{ tokens: XTokenSet; purpose: XAuthorizationPurpose }> {
  const flow = readFlow(cookies.get(FLOW_COOKIE));
  cookies.delete(FLOW_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookiesAreSecure(url) });

  const denied = url.searchParams.get('error');
  if (denied) error(400, denied === 'access_denied' ? 'You cancelled the authorization at X.' : `X refused the authorization (${denied}).`);
  const code = url.searchParams.get('code');
  const state = url.searchParams.get('state');
  if (!flow || !code || !state || state !== flow.state || flow.purpose.kind !== expected) {
    error(400, 'This sign-in link has expired or was opened in another browser. Please start again.');
  }
  try {
    return { tokens: await oauthFor(runtime, expected).exchangeCode(code, flow.verifier), purpose: flow.purpose };
  } catch (cause) {
    runtime.logger.warn({ err: cause }, 'X authorization code exchange failed');
    error(400, 'X did not accept the authorization (it may have expired). Please try again.');
  }
}

function readFlow(raw: string | undefined): Flow | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Flow;
  } catch {
    return null;
  }
}
