import { createHash, randomBytes } from 'node:crypto';
import { createXClient, createXOAuth, X_SCOPES } from '@tweetflow/x';
import { afterEach } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../src/index';

export const DEV_REDIRECT = 'http://127.0.0.1:5173/auth/x/callback';
export const DEV_CREDENTIALS = { clientId: 'tweetflow-dev', clientSecret: 'tweetflow-dev-secret', redirectUri: DEV_REDIRECT };

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
});

/** A sandbox on a random port, stopped after the test. */
export async function sandboxForTest(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ port: 0, ...options });
  running.push(sandbox);
  return sandbox;
}

/** A user with a token for every TweetFlow scope, and a twitter-api-v2 client for them. */
export function connectedUser(sandbox: RunningSandbox, username: string, premium = false) {
  const user = sandbox.admin.createUser({ username, premium });
  const tokens = sandbox.admin.issueToken(user.id);
  return { user, tokens, x: createXClient({ accessToken: tokens.access_token, apiBaseUrl: sandbox.url }) };
}

/** Fetches a sandbox path with a bearer token and returns status, headers and JSON. */
export async function call(sandbox: RunningSandbox, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // Bodies are validated against X's OpenAPI schema in the tests; here they stay loosely typed
  // so assertions can reach into them without a cast at every step.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/**
 * Plays the person on the authorize page: opens the link, picks (or creates) the user
 * and approves, then returns where the sandbox redirected to.
 */
export async function approveOnAuthorizePage(
  authorizeUrl: string,
  choice: { newUsername: string } | { userId: string },
  decision: 'approve' | 'deny' = 'approve',
): Promise<URL> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`Authorize page answered ${page.status}: ${html}`);
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  if (!requestId) throw new Error('No request_id on the authorize page');
  const form = new URLSearchParams({ request_id: requestId, decision });
  if ('newUsername' in choice) form.set('new_username', choice.newUsername);
  else form.set('user_id', choice.userId);
  const action = new URL('/i/oauth2/authorize', authorizeUrl);
  const answer = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`Expected a redirect, got ${answer.status}: ${await answer.text()}`);
  return new URL(location);
}

/** Runs the whole OAuth flow with arctic through packages/x and returns the tokens. */
export async function connectThroughOAuth(sandbox: RunningSandbox, username: string) {
  const oauth = createXOAuth({ ...DEV_CREDENTIALS, apiBaseUrl: sandbox.url });
  const { verifier } = pkcePair();
  const state = randomBytes(12).toString('hex');
  const callback = await approveOnAuthorizePage(oauth.authorizationUrl(state, verifier, X_SCOPES).toString(), { newUsername: username });
  const tokens = await oauth.exchangeCode(callback.searchParams.get('code') ?? '', verifier);
  return { oauth, tokens };
}
