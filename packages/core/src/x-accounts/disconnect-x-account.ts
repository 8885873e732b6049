import { and, eq } from 'drizzle-orm';
import { xAccounts, type Executor } from '@tweetflow/db';
import { XAccountNotFoundError } from './errors';
import type { XAccountDeps } from './x-account-deps';

/**
 * Revokes the account's tokens at X, then forgets the account. The row goes even when X
 * cannot be reached: the person asked TweetFlow to let go of the account, and the failure
 * is logged so an operator can revoke the app's access at X by hand. The row stays locked
 * meanwhile, so a refresh cannot mint new tokens between the revocation and the delete.
 *
 * @example
 * await disconnectXAccount(db, deps, { workspaceId, accountId });
 */
export async function disconnectXAccount(
  db: Executor,
  { keyring, oauth, logger }: Pick<XAccountDeps, 'keyring' | 'oauth' | 'logger'>,
  { workspaceId, accountId }: { workspaceId: string; accountId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const match = and(eq(xAccounts.id, accountId), eq(xAccounts.workspaceId, workspaceId));
    const [account] = await tx
      .select({
        username: xAccounts.username,
        accessTokenCiphertext: xAccounts.accessTokenCiphertext,
        refreshTokenCiphertext: xAccounts.refreshTokenCiphertext,
      })
      .from(xAccounts)
      .where(match)
      .for('update');
    if (!account) throw new XAccountNotFoundError(accountId);
    // The refresh token first: it is the long-lived one.
    const tokens = [account.refreshTokenCiphertext, account.accessTokenCiphertext].filter((token) => token !== null);
    for (const ciphertext of tokens) {
      try {
        await oauth.revoke(keyring.decrypt(ciphertext));
      } catch (error) {
        logger.warn({ err: error, accountId, username: account.username }, 'could not revoke an X token while disconnecting');
      }
    }
    await tx.delete(xAccounts).where(match);
  });
}
