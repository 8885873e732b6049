import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xAccounts } from '@tweetflow/db';
import { classifyXError, RateLimitLedger, userScope } from '@tweetflow/x';
import { connectXAccount } from './connect-x-account';
import { XAccountNeedsReauthError, XAccountRefreshUnavailableError, XRateLimitedError } from './errors';
import { startXAccountTestbed, type XAccountTestbed } from './test-support';
import { withXAccount } from './with-x-account';

// The free tier allows one GET /2/tweets per user and per app every 15 minutes.
let testbed: XAccountTestbed;
beforeAll(async () => {
  testbed = await startXAccountTestbed({ tier: 'free' });
});
afterAll(() => testbed.close());

async function connect(username: string) {
  testbed.sandbox.admin.createUser({ username });
  return connectXAccount(testbed.database.db, testbed.deps, {
    workspaceId: testbed.workspaceId,
    userId: testbed.userId,
    tokens: testbed.tokensFor(username),
  });
}

describe('withXAccount', () => {
  it('records the headers, refuses without sending once the window is used up, and sends again after the reset', async () => {
    const account = await connect('ledger_user');
    const post = testbed.sandbox.admin.post('ledger_user', { text: 'Hello ledger' });
    const lookup = () =>
      withXAccount(testbed.database.db, testbed.deps, account.id, 'GET /2/tweets', (x) => x.v2.tweets([post.id]));

    const first = await lookup();
    expect(first.data[0]?.text).toBe('Hello ledger');
    const [window] = await new RateLimitLedger(testbed.database.db).snapshot(userScope(account.xUserId));
    expect(window).toMatchObject({ endpoint: 'GET /2/tweets', limit: 1, remaining: 0 });
    expect(window!.resetAt.getTime()).toBeGreaterThan(testbed.sandbox.clock.now());

    const refused = await lookup().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(XRateLimitedError);
    expect((refused as XRateLimitedError).retryAt).toEqual(window!.resetAt);
    const stats = testbed.sandbox.admin.stats();
    expect(stats.requestsByEndpoint['GET /2/tweets']).toBe(1);
    expect(stats.overLimitAttempts).toBe(0);
    expect(stats.rateLimitedResponses).toBe(0);

    testbed.sandbox.admin.advanceClock(15 * 60_000 + 1000);
    const again = await lookup();
    expect(again.data[0]?.id).toBe(post.id);
    expect(testbed.sandbox.admin.stats().requestsByEndpoint['GET /2/tweets']).toBe(2);
  });

  it("keeps every account's calls inside the app-wide 15-minute window X never reports", async () => {
    // Free tier timelines: 5 reads per user and 10 per app every 15 minutes; X's headers
    // only ever show the user's window, so the app's must be counted by the ledger.
    const accounts = await Promise.all(['window_a', 'window_b', 'window_c'].map(connect));
    const read = (account: (typeof accounts)[number]) =>
      withXAccount(testbed.database.db, testbed.deps, account.id, 'GET /2/users/:id/tweets', (x) => x.v2.userTimeline(account.xUserId)).then(
        () => 'sent',
        (error: unknown) => (error instanceof XRateLimitedError ? 'refused' : Promise.reject(error)),
      );
    const outcomes: string[] = [];
    for (let round = 0; round < 4; round++) for (const account of accounts) outcomes.push(await read(account));

    expect(outcomes.filter((outcome) => outcome === 'sent')).toHaveLength(10);
    expect(outcomes.slice(10)).toEqual(['refused', 'refused']);
    const stats = testbed.sandbox.admin.stats();
    expect(stats.requestsByEndpoint['GET /2/users/:id/tweets']).toBe(10);
    expect(stats.overLimitAttempts).toBe(0);
  });

  it('after a 401 refreshes once and repeats the call', async () => {
    const account = await connect('revoked_access');
    // X stopped accepting the access token before the expiry TweetFlow has on record.
    testbed.sandbox.admin.expireTokens('revoked_access');
    const tokenRequests = testbed.requests('POST /2/oauth2/token');

    const { data } = await withXAccount(testbed.database.db, testbed.deps, account.id, 'GET /2/users/me', (x) => x.v2.me());

    expect(data.username).toBe('revoked_access');
    expect(testbed.requests('POST /2/oauth2/token') - tokenRequests).toBe(1);
    const [row] = await testbed.database.db.select().from(xAccounts).where(eq(xAccounts.id, account.id));
    expect(row!.status).toBe('active');
    expect(row!.lastRefreshedAt).not.toBeNull();
  });
});

describe('withXAccount for an account that must be reconnected', () => {
  it('neither takes a ledger unit nor calls X', async () => {
    const account = await connect('needs_reconnect');
    await testbed.database.db
      .update(xAccounts)
      .set({ status: 'needs_reauth', statusReason: 'X rejected the saved authorization; reconnect the account.' })
      .where(eq(xAccounts.id, account.id));
    const ledger = new RateLimitLedger(testbed.database.db);
    await ledger.record(userScope(account.xUserId), 'GET /2/users/me', { limit: 75, remaining: 5, reset: testbed.sandbox.clock.now() / 1000 + 600 });
    const before = testbed.sandbox.admin.stats().requestsByEndpoint;

    await expect(
      withXAccount(testbed.database.db, testbed.deps, account.id, 'GET /2/users/me', (x) => x.v2.me()),
    ).rejects.toBeInstanceOf(XAccountNeedsReauthError);

    expect(testbed.sandbox.admin.stats().requestsByEndpoint).toEqual(before);
    expect((await ledger.snapshot(userScope(account.xUserId)))[0]?.remaining).toBe(5);
  });
});

describe('withXAccount when the token cannot be refreshed', () => {
  it('gives the unit it took back, since no call was sent', async () => {
    const account = await connect('refresh_outage');
    await testbed.expireAccessToken(account.id, 'refresh_outage');
    const ledger = new RateLimitLedger(testbed.database.db);
    const scope = userScope(account.xUserId);
    await ledger.record(scope, 'GET /2/users/me', { limit: 75, remaining: 5, reset: testbed.sandbox.clock.now() / 1000 + 600 });
    testbed.sandbox.admin.injectFault({ kind: 'error', status: 503, path: '/2/oauth2/token', count: 1 });

    const failed = withXAccount(testbed.database.db, testbed.deps, account.id, 'GET /2/users/me', (x) => x.v2.me());
    await expect(failed).rejects.toBeInstanceOf(XAccountRefreshUnavailableError);
    expect((await ledger.snapshot(scope))[0]?.remaining).toBe(5);

    // The retry is sent.
    const { data } = await withXAccount(testbed.database.db, testbed.deps, account.id, 'GET /2/users/me', (x) => x.v2.me());
    expect(data.username).toBe('refresh_outage');
  });
});

describe('withXAccount when X cannot be reached', () => {
  it('gives the unit back when the connection is refused, and says why', async () => {
    const account = await connect('refused_conn');
    const ledger = new RateLimitLedger(testbed.database.db);
    const scope = userScope(account.xUserId);
    await ledger.record(scope, 'GET /2/users/me', { limit: 75, remaining: 5, reset: testbed.sandbox.clock.now() / 1000 + 600 });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const refused = withXAccount(testbed.database.db, { ...testbed.deps, apiBaseUrl: `http://127.0.0.1:${port}` }, account.id, 'GET /2/users/me', (x) => x.v2.me());

    await expect(refused).rejects.toSatisfy((error: unknown) => classifyXError(error).message === 'Could not reach X (ECONNREFUSED); it will be retried.');
    expect((await ledger.snapshot(scope))[0]?.remaining).toBe(5);
  });

  it('keeps the unit when an earlier request of the call was answered before the connection was lost', async () => {
    const account = await connect('lost_midway');
    const ledger = new RateLimitLedger(testbed.database.db);
    const scope = userScope(account.xUserId);
    await ledger.record(scope, 'GET /2/users/me', { limit: 75, remaining: 5, reset: testbed.sandbox.clock.now() / 1000 + 600 });
    // An "X" that answers one request, closes the connection and stops listening: the
    // call's second request is refused, after its first reached X and spent the unit.
    const onceOnly = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
      response.end(JSON.stringify({ data: { id: account.xUserId, username: 'lost_midway', name: 'Lost midway' } }));
      onceOnly.close();
    });
    await new Promise<void>((resolve) => onceOnly.listen(0, '127.0.0.1', resolve));
    const { port } = onceOnly.address() as AddressInfo;

    const deps = { ...testbed.deps, apiBaseUrl: `http://127.0.0.1:${port}` };
    const twoRequests = withXAccount(testbed.database.db, deps, account.id, 'GET /2/users/me', async (x) => {
      await x.v2.me();
      return x.v2.me();
    });

    await expect(twoRequests).rejects.toSatisfy((error: unknown) => classifyXError(error).message === 'Could not reach X (ECONNREFUSED); it will be retried.');
    expect((await ledger.snapshot(scope))[0]?.remaining).toBe(4);
  });
});
