import { and, asc, eq } from 'drizzle-orm';
import { xAccounts, type Executor } from '@tweetflow/db';

/**
 * The connected account whose token reads public data for the workspace: the preferred one
 * while it is active, else the workspace's first active account; null when there is none.
 *
 * @example
 * const accountId = await readingAccount(db, workspaceId, competitor.viaXAccountId);
 */
export async function readingAccount(db: Executor, workspaceId: string, preferred: string | null): Promise<string | null> {
  const active = await db
    .select({ id: xAccounts.id })
    .from(xAccounts)
    .where(and(eq(xAccounts.workspaceId, workspaceId), eq(xAccounts.status, 'active')))
    .orderBy(asc(xAccounts.createdAt));
  return active.find((account) => account.id === preferred)?.id ?? active[0]?.id ?? null;
}
