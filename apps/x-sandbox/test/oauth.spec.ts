import { createXOAuth } from '@tweetflow/x';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/index';
import { approveOnAuthorizePage, DEV_CREDENTIALS, DEV_REDIRECT, pkcePair, sandboxForTest } from './support';

function authorizeUrl(base: string, overrides: Record<string, string> = {}) {
  const url = new URL('/i/oauth2/authorize', base);
  const params = {
    response_type: 'code',
    client_id: 'tweetflow-dev',
    redirect_uri: DEV_REDIRECT,
    state: 'xyz',
    code_challenge: 'challenge',
    code_challenge_method: 'plain',
    scope: 'tweet.read users.read',
    ...overrides,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

async function tokenRequest(base: string, fields: Record<string, string>, basic = true) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from('tweetflow-dev:tweetflow-dev-secret').toString('base64')}`;
  const response = await fetch(`${base}/2/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(fields) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('OAuth 2.0', () => {
  it('supports plain PKCE and gives no refresh token without offline.access', async () => {
    const sandbox = await sandboxForTest();
    const callback = await approveOnAuthorizePage(authorizeUrl(sandbox.url, { code_challenge_method: 'PLAIN' }), { newUsername: 'plain' });
    const granted = await tokenRequest(sandbox.url, {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: DEV_REDIRECT,
      code_verifier: 'challenge',
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ token_type: 'bearer', expires_in: 7200, scope: 'tweet.read users.read' });
    expect(granted.body.refresh_token).toBeUndefined();
  });

  it('rejects a wrong verifier, a reused code and a code older than 30 seconds', async () => {
    const clock = fixedClock(Date.parse('2026-01-01T00:00:00Z'));
    const sandbox = await sandboxForTest({ clock });
    const { verifier, challenge } = pkcePair();
    const url = authorizeUrl(sandbox.url, { code_challenge: challenge, code_challenge_method: 'S256' });
    const bad = { error: 'invalid_request', error_description: 'Value passed for the authorization code was invalid.' };
    const exchange = (code: string, codeVerifier = verifier) =>
      tokenRequest(sandbox.url, { grant_type: 'authorization_code', code, redirect_uri: DEV_REDIRECT, code_verifier: codeVerifier });

    const first = (await approveOnAuthorizePage(url, { newUsername: 'pkce' })).searchParams.get('code') ?? '';
    expect(await exchange(first, 'wrong-verifier')).toEqual({ status: 400, body: bad });
    expect(await exchange(first)).toEqual({ status: 400, body: bad });

    const userId = sandbox.admin.users()[0]?.id ?? '';
    const second = (await approveOnAuthorizePage(url, { userId })).searchParams.get('code') ?? '';
    clock.advance(30_000);
    expect(await exchange(second)).toEqual({ status: 400, body: bad });

    const third = (await approveOnAuthorizePage(url, { userId })).searchParams.get('code') ?? '';
    clock.advance(29_000);
    expect((await exchange(third)).status).toBe(200);
  });

  it('checks client credentials and accepts them in the body or a Basic header', async () => {
    const sandbox = await sandboxForTest();
    const noCredentials = await tokenRequest(sandbox.url, { grant_type: 'refresh_token', refresh_token: 'x', client_id: 'tweetflow-dev' }, false);
    expect(noCredentials.status).toBe(401);
    expect(noCredentials.body.error).toBe('unauthorized_client');
    const inBody = await tokenRequest(
      sandbox.url,
      { grant_type: 'refresh_token', refresh_token: 'unknown', client_id: 'tweetflow-dev', client_secret: 'tweetflow-dev-secret' },
      false,
    );
    expect(inBody.status).toBe(400);
  });

  it('checks redirect_uri exactly, state length and the registered client', async () => {
    const sandbox = await sandboxForTest();
    sandbox.admin.registerClient({ clientId: 'partner', clientSecret: 's3cret', redirectUris: ['https://partner.example/cb'] });
    const exactOnly = await fetch(authorizeUrl(sandbox.url, { client_id: 'partner', redirect_uri: 'https://partner.example/cb/' }));
    expect(exactOnly.status).toBe(400);
    expect(await exactOnly.text()).toContain('is not registered');
    expect((await fetch(authorizeUrl(sandbox.url, { client_id: 'partner', redirect_uri: 'https://partner.example/cb' }))).status).toBe(200);
    expect((await fetch(authorizeUrl(sandbox.url, { redirect_uri: 'https://evil.example/cb' }))).status).toBe(400);
    expect((await fetch(authorizeUrl(sandbox.url, { client_id: 'nobody' }))).status).toBe(400);

    const tooLongState = await fetch(authorizeUrl(sandbox.url, { state: 's'.repeat(501) }), { redirect: 'manual' });
    expect(tooLongState.status).toBe(302);
    expect(new URL(tooLongState.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });

  it('sends a denial back to the app, and arctic reports a revoked refresh token', async () => {
    const sandbox = await sandboxForTest();
    const denied = await approveOnAuthorizePage(authorizeUrl(sandbox.url), { newUsername: 'nope' }, 'deny');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('xyz');

    const oauth = createXOAuth({ ...DEV_CREDENTIALS, apiBaseUrl: sandbox.url });
    const user = sandbox.admin.createUser({ username: 'revoker' });
    const tokens = sandbox.admin.issueToken(user.id);
    await oauth.revoke(tokens.refresh_token ?? '');
    await expect(oauth.refresh(tokens.refresh_token ?? '')).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
