import { and, eq } from 'drizzle-orm';
import { xAccounts, type Executor } from '@tweetflow/db';
import { XAccountNotFoundError } from '../x-accounts/errors';

/** What the queue needs to know about an account. */
export type QueueAccount = {
  id: string;
  workspaceId: string;
  xUserId: string;
  username: string;
  timezone: string;
  queuePaused: boolean;
};

const queueAccountColumns = {
  id: xAccounts.id,
  workspaceId: xAccounts.workspaceId,
  xUserId: xAccounts.xUserId,
  username: xAccounts.username,
  timezone: xAccounts.timezone,
  queuePaused: xAccounts.queuePaused,
};

/**
 * The account, when it is connected to the workspace; otherwise the same refusal as every
 * other account service, so an id from another workspace reveals nothing.
 *
 * @example
 * const account = await loadQueueAccount(db, { workspaceId, accountId });
 * account.timezone; // 'Europe/Berlin'
 */
export async function loadQueueAccount(
  db: Executor,
  { workspaceId, accountId }: { workspaceId: string; accountId: string },
): Promise<QueueAccount> {
  const [account] = await db
    .select(queueAccountColumns)
    .from(xAccounts)
    .where(and(eq(xAccounts.id, accountId), eq(xAccounts.workspaceId, workspaceId)));
  if (!account) throw new XAccountNotFoundError(accountId);
  return account;
}

/**
 * The account by id alone, for callers that have already checked the workspace.
 *
 * @example
 * const account = await loadQueueAccountById(db, accountId);
 */
export async function loadQueueAccountById(db: Executor, accountId: string): Promise<QueueAccount> {
  const [account] = await db.select(queueAccountColumns).from(xAccounts).where(eq(xAccounts.id, accountId));
  if (!account) throw new XAccountNotFoundError(accountId);
  return account;
}
