import { asc, eq } from 'drizzle-orm';
import { xAccounts, type Executor } from '@tweetflow/db';
import { xAccountViewColumns, type XAccountView } from './x-account-view';

/**
 * The workspace's connected X accounts, as the app may show them (never tokens).
 *
 * @example
 * const accounts = await listXAccounts(db, workspaceId);
 * accounts.filter((account) => account.status === 'needs_reauth');
 */
export async function listXAccounts(db: Executor, workspaceId: string): Promise<XAccountView[]> {
  return db
    .select(xAccountViewColumns)
    .from(xAccounts)
    .where(eq(xAccounts.workspaceId, workspaceId))
    .orderBy(asc(xAccounts.username));
}
