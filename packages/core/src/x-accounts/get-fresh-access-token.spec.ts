import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xAccounts } from '@tweetflow/db';
import { createXClient } from '@tweetflow/x';
import { connectXAccount } from './connect-x-account';
import { XAccountNeedsReauthError, XAccountRefreshUnavailableError } from './errors';
import { getFreshAccessToken, REJECTED_AUTHORIZATION } from './get-fresh-access-token';
import { startXAccountTestbed, type XAccountTestbed } from './test-support';

let testbed: XAccountTestbed;
beforeAll(async () => {
  testbed = await startXAccountTestbed();
});
afterAll(() => testbed.close());

const TOKEN_ENDPOINT = 'POST /2/oauth2/token';

async function connect(username: string) {
  testbed.sandbox.admin.createUser({ username });
  const tokens = testbed.tokensFor(username);
  const account = await connectXAccount(testbed.database.db, testbed.deps, {
    workspaceId: testbed.workspaceId,
    userId: testbed.userId,
    tokens,
  });
  return { account, tokens };
}

async function statusOf(accountId: string) {
  const [row] = await testbed.database.db
    .select({ status: xAccounts.status, statusReason: xAccounts.statusReason })
    .from(xAccounts)
    .where(eq(xAccounts.id, accountId));
  return row;
}

describe('getFreshAccessToken', () => {
  it('returns the stored token while it is valid, without calling X', async () => {
    const { account, tokens } = await connect('valid_token');
    const before = testbed.requests(TOKEN_ENDPOINT);
    expect(await getFreshAccessToken(testbed.database.db, testbed.deps, account.id)).toBe(tokens.accessToken);
    expect(testbed.requests(TOKEN_ENDPOINT)).toBe(before);
  });

  it('refreshes a token that expires within five minutes, before it runs out', async () => {
    const { account, tokens } = await connect('soon_expiring');
    await testbed.database.db
      .update(xAccounts)
      .set({ accessTokenExpiresAt: new Date(testbed.sandbox.clock.now() + 4 * 60_000) })
      .where(eq(xAccounts.id, account.id));
    const fresh = await getFreshAccessToken(testbed.database.db, testbed.deps, account.id);
    expect(fresh).not.toBe(tokens.accessToken);
    const [row] = await testbed.database.db.select().from(xAccounts).where(eq(xAccounts.id, account.id));
    expect(row!.accessTokenExpiresAt.getTime()).toBeGreaterThan(testbed.sandbox.clock.now() + 60 * 60_000);
    expect(row!.lastRefreshedAt).not.toBeNull();
  });

  it('50 workers asking at once for an expired token cause exactly one refresh at X', async () => {
    const { account } = await connect('busy_account');
    await testbed.expireAccessToken(account.id, 'busy_account');
    const before = testbed.requests(TOKEN_ENDPOINT);

    const tokens = await Promise.all(
      Array.from({ length: 50 }, () => getFreshAccessToken(testbed.database.db, testbed.deps, account.id)),
    );

    expect(testbed.requests(TOKEN_ENDPOINT) - before).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(await statusOf(account.id)).toEqual({ status: 'active', statusReason: null });
    const { data } = await createXClient({ accessToken: tokens[0]!, apiBaseUrl: testbed.sandbox.url }).v2.me();
    expect(data.username).toBe('busy_account');
  });

  it('a refresh token X no longer accepts marks the account needs_reauth, and X is not asked again', async () => {
    const { account, tokens } = await connect('spent_refresh');
    // Someone else spent the single-use refresh token (e.g. a restored backup refreshed it).
    await testbed.deps.oauth.refresh(tokens.refreshToken!);
    await testbed.expireAccessToken(account.id, 'spent_refresh');

    await expect(getFreshAccessToken(testbed.database.db, testbed.deps, account.id)).rejects.toBeInstanceOf(
      XAccountNeedsReauthError,
    );
    expect(await statusOf(account.id)).toEqual({ status: 'needs_reauth', statusReason: REJECTED_AUTHORIZATION });

    const before = testbed.sandbox.admin.stats().requestsByEndpoint;
    const again = getFreshAccessToken(testbed.database.db, testbed.deps, account.id, { force: true });
    await expect(again).rejects.toThrow(/reconnect the account/);
    expect(testbed.sandbox.admin.stats().requestsByEndpoint).toEqual(before);
  });

  it('an outage at X while refreshing is retryable and leaves the account active', async () => {
    const { account } = await connect('outage_account');
    await testbed.expireAccessToken(account.id, 'outage_account');
    testbed.sandbox.admin.injectFault({ kind: 'error', status: 503, path: '/2/oauth2/token', count: 1 });

    const failure = getFreshAccessToken(testbed.database.db, testbed.deps, account.id);
    await expect(failure).rejects.toBeInstanceOf(XAccountRefreshUnavailableError);
    await expect(failure).rejects.toMatchObject({ retryable: true });
    expect(await statusOf(account.id)).toEqual({ status: 'active', statusReason: null });

    // The refresh token was not spent by the failed attempt, so the retry works.
    const token = await getFreshAccessToken(testbed.database.db, testbed.deps, account.id);
    const { data } = await createXClient({ accessToken: token, apiBaseUrl: testbed.sandbox.url }).v2.me();
    expect(data.username).toBe('outage_account');
  });
});
