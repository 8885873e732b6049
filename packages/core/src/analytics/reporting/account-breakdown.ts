import { asc, eq } from 'drizzle-orm';
import { xAccounts, type Executor } from '@tweetflow/db';
import type { AccountScope } from './account-filter';
import { periodFigures, type PeriodFigures } from './period-figures';

export type AccountFigures = PeriodFigures & { xAccountId: string; username: string; displayName: string; profileImageUrl: string | null };

/**
 * Each of the scope's accounts with its figures for the period, for the comparison table.
 *
 * @example
 * const rows = await accountBreakdown(db, { workspaceId }, range.start, range.end);
 */
export async function accountBreakdown(db: Executor, scope: AccountScope, start: Date, end: Date): Promise<AccountFigures[]> {
  const accounts = await db
    .select({ id: xAccounts.id, username: xAccounts.username, displayName: xAccounts.displayName, profileImageUrl: xAccounts.profileImageUrl })
    .from(xAccounts)
    .where(eq(xAccounts.workspaceId, scope.workspaceId))
    .orderBy(asc(xAccounts.username));
  const chosen = scope.accountIds?.length ? accounts.filter((account) => scope.accountIds!.includes(account.id)) : accounts;
  return Promise.all(
    chosen.map(async (account) => ({
      xAccountId: account.id,
      username: account.username,
      displayName: account.displayName,
      profileImageUrl: account.profileImageUrl,
      ...(await periodFigures(db, { workspaceId: scope.workspaceId, accountIds: [account.id] }, start, end)),
    })),
  );
}
