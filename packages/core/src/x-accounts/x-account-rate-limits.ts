import { and, eq } from 'drizzle-orm';
import { xAccounts, type Executor } from '@tweetflow/db';
import { RateLimitLedger, userScope, type RateLimitWindowView } from '@tweetflow/x';
import { XAccountNotFoundError } from './errors';

/**
 * The account's rate-limit budget per endpoint, as the ledger last saw it from X's
 * headers, for the account status page.
 *
 * @example
 * const windows = await xAccountRateLimits(db, { workspaceId, accountId });
 */
export async function xAccountRateLimits(
  db: Executor,
  { workspaceId, accountId }: { workspaceId: string; accountId: string },
): Promise<RateLimitWindowView[]> {
  const [account] = await db
    .select({ xUserId: xAccounts.xUserId })
    .from(xAccounts)
    .where(and(eq(xAccounts.id, accountId), eq(xAccounts.workspaceId, workspaceId)));
  if (!account) throw new XAccountNotFoundError(accountId);
  return new RateLimitLedger(db).snapshot(userScope(account.xUserId));
}
