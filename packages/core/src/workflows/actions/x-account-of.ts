import { executeText, type Executor } from '@tweetflow/db';
import { StepFailure } from './node-result';

type StepAccount = { id: string; xUserId: string; username: string };

/**
 * The X account a node acts as, if it belongs to the run's workspace.
 *
 * @example
 * const account = await xAccountOf(db, workspaceId, params.accountId);
 */
export async function xAccountOf(db: Executor, workspaceId: string, accountId: unknown): Promise<StepAccount> {
  if (typeof accountId !== 'string' || !/^[0-9a-f-]{36}$/i.test(accountId)) {
    throw new StepFailure(`"${String(accountId)}" is not an X account id; choose an account connected to this workspace.`);
  }
  // Written out: every post step reads its account, and Drizzle building this select cost the worker more CPU than PostgreSQL spent on it.
  const [account] = await executeText<StepAccount>(db, 'select id, x_user_id as "xUserId", username from x_accounts where id = $1 and workspace_id = $2', [accountId, workspaceId]);
  if (!account) throw new StepFailure('The X account of this node is not connected to this workspace any more; choose another one.');
  return account;
}
