import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaces, xAccounts } from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { TokenKeyring } from '../token-keyring';

const run = promisify(execFile);
const CLI = path.join(import.meta.dirname, 'rotate-token-keys.ts');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('rotate-token-keys', () => {
  it('re-encrypts the stored tokens under the first key and says how many rows changed', async () => {
    const oldKey = { id: 'old', key: randomBytes(32) };
    const newKey = { id: 'new', key: randomBytes(32) };
    const [workspace] = await database.db.insert(workspaces).values({ name: 'CLI' }).returning();
    const before = new TokenKeyring([oldKey]);
    await database.db.insert(xAccounts).values(
      ['1', '2'].map((xUserId) => ({
        workspaceId: workspace!.id,
        xUserId,
        username: `cli${xUserId}`,
        displayName: 'CLI',
        accessTokenCiphertext: before.encrypt(`access-${xUserId}`),
        refreshTokenCiphertext: before.encrypt(`refresh-${xUserId}`),
        accessTokenExpiresAt: new Date(),
      })),
    );
    const keys = [newKey, oldKey].map(({ id, key }) => `${id}:${key.toString('base64')}`).join(',');

    const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url, TOKEN_ENCRYPTION_KEYS: keys },
    });

    expect(stdout).toContain('Re-encrypted 2 X accounts under key "new".');
    const rows = await database.db.select().from(xAccounts);
    expect(rows.every((row) => row.accessTokenCiphertext.startsWith('new:') && row.refreshTokenCiphertext?.startsWith('new:'))).toBe(true);
  });
});
