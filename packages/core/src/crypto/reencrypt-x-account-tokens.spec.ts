import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xAccounts, workspaces } from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { reencryptXAccountTokens } from './reencrypt-x-account-tokens';
import { TokenKeyring } from './token-keyring';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const oldKey = { id: 'old', key: randomBytes(32) };
const newKey = { id: 'new', key: randomBytes(32) };

describe('reencryptXAccountTokens', () => {
  it('moves every row to the current key, in batches, and keeps the tokens readable', async () => {
    const before = new TokenKeyring([oldKey]);
    const [workspace] = await database.db.insert(workspaces).values({ name: 'Rotation' }).returning();
    const rows = Array.from({ length: 7 }, (_, index) => ({
      workspaceId: workspace!.id,
      xUserId: `u${index}`,
      username: `user${index}`,
      displayName: `User ${index}`,
      accessTokenCiphertext: before.encrypt(`access-${index}`),
      // One account was connected without offline.access and has no refresh token.
      refreshTokenCiphertext: index === 0 ? null : before.encrypt(`refresh-${index}`),
      accessTokenExpiresAt: new Date(),
    }));
    await database.db.insert(xAccounts).values(rows);

    const after = new TokenKeyring([newKey, oldKey]);
    expect(await reencryptXAccountTokens(database.db, after, { batchSize: 3 })).toBe(7);

    const stored = await database.db.select().from(xAccounts);
    for (const row of stored) {
      const index = row.xUserId.slice(1);
      expect(row.accessTokenCiphertext.startsWith('new:')).toBe(true);
      expect(new TokenKeyring([newKey]).decrypt(row.accessTokenCiphertext)).toBe(`access-${index}`);
      if (index === '0') expect(row.refreshTokenCiphertext).toBeNull();
      else expect(row.refreshTokenCiphertext?.startsWith('new:')).toBe(true);
    }
    expect(await reencryptXAccountTokens(database.db, after)).toBe(0);
  });
});
