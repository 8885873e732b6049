import { and, asc, eq, isNotNull, not, or, sql, type SQL } from 'drizzle-orm';
import { xAccounts, type Database } from '@tweetflow/db';
import type { TokenKeyring } from './token-keyring';

/**
 * Rewrites every stored X token that is not under the keyring's current key, `batchSize`
 * rows per transaction. Rows are locked while rewritten, so a token refresh running at the
 * same time waits instead of being overwritten with the old token. Returns how many rows
 * changed. Run it after putting a new key first in `TOKEN_ENCRYPTION_KEYS`; afterwards the
 * old key can be removed.
 *
 * @example
 * const rows = await reencryptXAccountTokens(db, loadKeyring(config));
 */
export async function reencryptXAccountTokens(
  db: Database,
  keyring: TokenKeyring,
  { batchSize = 100 }: { batchSize?: number } = {},
): Promise<number> {
  let total = 0;
  for (;;) {
    const rewritten = await db.transaction(async (tx) => {
      const rows = await tx
        .select({
          id: xAccounts.id,
          accessTokenCiphertext: xAccounts.accessTokenCiphertext,
          refreshTokenCiphertext: xAccounts.refreshTokenCiphertext,
        })
        .from(xAccounts)
        .where(notUnderKey(keyring.currentKeyId))
        .orderBy(asc(xAccounts.id))
        .limit(batchSize)
        .for('update');
      for (const row of rows) {
        await tx
          .update(xAccounts)
          .set({
            accessTokenCiphertext: keyring.encrypt(keyring.decrypt(row.accessTokenCiphertext)),
            refreshTokenCiphertext:
              row.refreshTokenCiphertext === null ? null : keyring.encrypt(keyring.decrypt(row.refreshTokenCiphertext)),
          })
          .where(eq(xAccounts.id, row.id));
      }
      return rows.length;
    });
    total += rewritten;
    if (rewritten < batchSize) return total;
  }
}

function notUnderKey(keyId: string): SQL {
  const prefix = `${keyId}:`;
  return or(
    not(sql`starts_with(${xAccounts.accessTokenCiphertext}, ${prefix})`),
    and(isNotNull(xAccounts.refreshTokenCiphertext), not(sql`starts_with(${xAccounts.refreshTokenCiphertext}, ${prefix})`)),
  ) as SQL;
}
