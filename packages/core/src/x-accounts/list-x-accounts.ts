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

/**
 * The ids of the workspace's connected X accounts: what validating a workflow's steps
 * needs. Saving, activating and starting a workflow read them, so a workspace of a
 * thousand accounts reads a thousand ids, not a thousand sorted profiles.
 *
 * @example
 * const accountIds = await listXAccountIds(db, workspaceId);
 */
export async function listXAccountIds(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await db.select({ id: xAccounts.id }).from(xAccounts).where(eq(xAccounts.workspaceId, workspaceId));
  return rows.map((row) => row.id);
}
