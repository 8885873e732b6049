import { and, eq } from 'drizzle-orm';
import { xAccounts, type Executor } from '@tweetflow/db';
import { StepFailure } from './node-result';

/**
 * The X account a node acts as, if it belongs to the run's workspace.
 *
 * @example
 * const account = await xAccountOf(db, workspaceId, params.accountId);
 */
export async function xAccountOf(db: Executor, workspaceId: string, accountId: unknown) {
  if (typeof accountId !== 'string' || !/^[0-9a-f-]{36}$/i.test(accountId)) {
    throw new StepFailure(`"${String(accountId)}" is not an X account id; choose an account connected to this workspace.`);
  }
  const [account] = await db
    .select({ id: xAccounts.id, xUserId: xAccounts.xUserId, username: xAccounts.username })
    .from(xAccounts)
    .where(and(eq(xAccounts.id, accountId), eq(xAccounts.workspaceId, workspaceId)));
  if (!account) throw new StepFailure('The X account of this node is not connected to this workspace any more; choose another one.');
  return account;
}
