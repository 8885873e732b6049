import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXClient, createXOAuth, X_SCOPES, xEndpoints } from './index';

// A stand-in for the sandbox that records what arrived; the sandbox's own tests run the
// full flow against the real thing.
const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];
const server = createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
  response.writeHead(200, { 'content-type': 'application/json', 'x-rate-limit-limit': '75', 'x-rate-limit-remaining': '74', 'x-rate-limit-reset': '1800000000' });
  const token = { token_type: 'bearer', expires_in: 7200, access_token: 'new-access', refresh_token: 'new-refresh', scope: 'tweet.read users.read offline.access' };
  response.end(JSON.stringify(request.url?.startsWith('/2/oauth2/') ? token : { data: { id: '1', name: 'A', username: 'a' } }));
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.close();
});

describe('createXClient', () => {
  it('sends api.x.com requests to the base URL over http, keeping X rate-limit keys', async () => {
    const client = createXClient({ accessToken: 'token-1', apiBaseUrl: base });
    expect((await client.v2.me()).data.username).toBe('a');
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/2/users/me' });
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer token-1');
  });
});

describe('createXOAuth', () => {
  it('uses X endpoints by default and the sandbox ones with a base URL', () => {
    expect(xEndpoints()).toEqual({
      authorize: 'https://x.com/i/oauth2/authorize',
      token: 'https://api.x.com/2/oauth2/token',
      revoke: 'https://api.x.com/2/oauth2/revoke',
    });
    const real = createXOAuth({ clientId: 'id', clientSecret: 'secret', redirectUri: 'https://app.example/cb' });
    const link = real.authorizationUrl('state', 'verifier-verifier-verifier-verifier-123', X_SCOPES);
    expect(`${link.origin}${link.pathname}`).toBe('https://x.com/i/oauth2/authorize');
    expect(link.searchParams.get('scope')).toBe(X_SCOPES.join(' '));
    expect(link.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('exchanges, refreshes and revokes against the configured server with Basic credentials', async () => {
    const oauth = createXOAuth({ clientId: 'id', clientSecret: 'secret', redirectUri: 'http://localhost/cb', apiBaseUrl: base });
    const tokens = await oauth.exchangeCode('the-code', 'the-verifier');
    expect(tokens).toMatchObject({ accessToken: 'new-access', refreshToken: 'new-refresh', scopes: ['tweet.read', 'users.read', 'offline.access'] });
    const exchange = seen.at(-1);
    expect(exchange?.url).toBe('/2/oauth2/token');
    expect(exchange?.headers.authorization).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
    expect(new URLSearchParams(exchange?.body).get('code_verifier')).toBe('the-verifier');
    await oauth.refresh('new-refresh');
    expect(new URLSearchParams(seen.at(-1)?.body).get('grant_type')).toBe('refresh_token');
    await oauth.revoke('new-access');
    expect(seen.at(-1)?.url).toBe('/2/oauth2/revoke');
  });
});
