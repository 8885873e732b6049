import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xAccounts } from '@tweetflow/db';
import { createXClient } from '@tweetflow/x';
import { connectXAccount } from './connect-x-account';
import { disconnectXAccount } from './disconnect-x-account';
import { XAccountNotFoundError } from './errors';
import { listXAccounts } from './list-x-accounts';
import { startXAccountTestbed, type XAccountTestbed } from './test-support';

let testbed: XAccountTestbed;
beforeAll(async () => {
  testbed = await startXAccountTestbed();
});
afterAll(() => testbed.close());

const PUBLIC_FIELDS = [
  'accessTokenExpiresAt',
  'displayName',
  'id',
  'lastRefreshedAt',
  'profileImageUrl',
  'scopes',
  'status',
  'statusReason',
  'timezone',
  'username',
  'xUserId',
];

describe('connecting X accounts', () => {
  it('stores the profile from X and connects the same X user only once', async () => {
    const { db } = testbed.database;
    const ada = testbed.sandbox.admin.createUser({ username: 'ada_connect', name: 'Ada Lovelace' });
    const first = testbed.tokensFor(ada.username);
    const connected = await connectXAccount(db, testbed.deps, { workspaceId: testbed.workspaceId, userId: testbed.userId, tokens: first });
    expect(connected).toMatchObject({ xUserId: ada.id, username: 'ada_connect', displayName: 'Ada Lovelace', status: 'active' });
    expect(connected.profileImageUrl).toMatch(/^https?:\/\//);

    await db.update(xAccounts).set({ status: 'needs_reauth', statusReason: 'test' }).where(eq(xAccounts.id, connected.id));
    const second = testbed.tokensFor(ada.username);
    const reconnected = await connectXAccount(db, testbed.deps, { workspaceId: testbed.workspaceId, userId: testbed.userId, tokens: second });

    expect(reconnected.id).toBe(connected.id);
    expect(reconnected).toMatchObject({ status: 'active', statusReason: null });
    const rows = await db.select().from(xAccounts).where(eq(xAccounts.xUserId, ada.id));
    expect(rows).toHaveLength(1);
    expect(testbed.deps.keyring.decrypt(rows[0]!.accessTokenCiphertext)).toBe(second.accessToken);
    expect(testbed.deps.keyring.decrypt(rows[0]!.refreshTokenCiphertext!)).toBe(second.refreshToken);
  });

  it('lists accounts without any token field, and the database never holds a token in plain text', async () => {
    const { db, sql: raw } = testbed.database;
    const grace = testbed.sandbox.admin.createUser({ username: 'grace_list' });
    const tokens = testbed.tokensFor(grace.username);
    await connectXAccount(db, testbed.deps, { workspaceId: testbed.workspaceId, userId: testbed.userId, tokens });

    const listed = await listXAccounts(db, testbed.workspaceId);
    expect(listed.map((account) => account.username)).toContain('grace_list');
    for (const account of listed) expect(Object.keys(account).sort()).toEqual(PUBLIC_FIELDS);
    expect(JSON.stringify(listed)).not.toContain(tokens.accessToken);

    const dump = JSON.stringify(await raw`select * from x_accounts`);
    expect(dump).toContain('grace_list');
    expect(dump).not.toContain(tokens.accessToken);
    expect(dump).not.toContain(tokens.refreshToken!);
    const [{ count } = { count: -1 }] = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from x_accounts where access_token_ciphertext like 'test:%'`,
    );
    expect(count).toBe(listed.length);
  });

  it('disconnecting revokes the tokens at X and deletes the account', async () => {
    const { db } = testbed.database;
    const lin = testbed.sandbox.admin.createUser({ username: 'lin_disconnect' });
    const tokens = testbed.tokensFor(lin.username);
    const account = await connectXAccount(db, testbed.deps, { workspaceId: testbed.workspaceId, userId: testbed.userId, tokens });
    const revokedBefore = testbed.sandbox.admin.stats().revokedTokens;

    await disconnectXAccount(db, testbed.deps, { workspaceId: testbed.workspaceId, accountId: account.id });

    expect(testbed.sandbox.admin.stats().revokedTokens - revokedBefore).toBe(2);
    await expect(createXClient({ accessToken: tokens.accessToken, apiBaseUrl: testbed.sandbox.url }).v2.me()).rejects.toMatchObject({
      code: 401,
    });
    await expect(testbed.deps.oauth.refresh(tokens.refreshToken!)).rejects.toThrow();
    expect(await db.select().from(xAccounts).where(eq(xAccounts.id, account.id))).toHaveLength(0);
  });

  it('disconnecting still forgets the account when X cannot be reached', async () => {
    const { db } = testbed.database;
    const kai = testbed.sandbox.admin.createUser({ username: 'kai_offline' });
    const account = await connectXAccount(db, testbed.deps, {
      workspaceId: testbed.workspaceId,
      userId: testbed.userId,
      tokens: testbed.tokensFor(kai.username),
    });
    testbed.sandbox.admin.injectFault({ kind: 'error', status: 503, path: '/2/oauth2/revoke' });
    try {
      await disconnectXAccount(db, testbed.deps, { workspaceId: testbed.workspaceId, accountId: account.id });
    } finally {
      testbed.sandbox.admin.clearFaults();
    }
    expect(await db.select().from(xAccounts).where(eq(xAccounts.id, account.id))).toHaveLength(0);
  });

  it('refuses to disconnect an account of another workspace', async () => {
    const { db } = testbed.database;
    const [other] = await listXAccounts(db, testbed.workspaceId);
    await expect(
      disconnectXAccount(db, testbed.deps, { workspaceId: '00000000-0000-7000-8000-000000000000', accountId: other!.id }),
    ).rejects.toBeInstanceOf(XAccountNotFoundError);
    expect(await db.select().from(xAccounts).where(eq(xAccounts.id, other!.id))).toHaveLength(1);
  });
});
