import { BatchLane, executeText, type Executor } from '@tweetflow/db';
import { StepFailure } from './node-result';

type StepAccount = { id: string; xUserId: string; username: string };
type AccountRequest = { workspaceId: string; accountId: string };

/** More lookups than this wait for the next batch. */
const MAX_BATCH = 200;

// Per database handle, as a worker's steps meet there.
const lanes = new WeakMap<Executor, BatchLane<AccountRequest, StepAccount | undefined>>();

/**
 * The X account a node acts as, if it belongs to the run's workspace. Every post step
 * asks; steps advancing side by side ask together (a `BatchLane`), one statement a batch
 * instead of one a step (5,020 single selects in `pnpm bench workflows`' burst).
 *
 * @example
 * const account = await xAccountOf(db, workspaceId, params.accountId);
 */
export async function xAccountOf(db: Executor, workspaceId: string, accountId: unknown): Promise<StepAccount> {
  if (typeof accountId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(accountId)) {
    throw new StepFailure(`"${String(accountId)}" is not an X account id; choose an account connected to this workspace.`);
  }
  let lane = lanes.get(db);
  if (!lane) lanes.set(db, (lane = new BatchLane((requests: AccountRequest[]) => lookUp(db, requests), { maxWeight: MAX_BATCH })));
  const account = await lane.submit({ workspaceId, accountId: accountId.toLowerCase() });
  if (!account) throw new StepFailure('The X account of this node is not connected to this workspace any more; choose another one.');
  return account;
}

async function lookUp(db: Executor, requests: AccountRequest[]): Promise<Array<StepAccount | undefined>> {
  // Written out: Drizzle building this select cost the worker more CPU than PostgreSQL spent on it.
  const rows = await executeText<StepAccount & { workspaceId: string }>(
    db,
    'select id, x_user_id as "xUserId", username, workspace_id as "workspaceId" from x_accounts where id = any($1::uuid[])',
    [[...new Set(requests.map((request) => request.accountId))]],
  );
  const byId = new Map(rows.map(({ workspaceId, ...account }) => [account.id, { workspaceId, account }]));
  return requests.map(({ workspaceId, accountId }) => {
    const found = byId.get(accountId);
    return found?.workspaceId === workspaceId ? found.account : undefined;
  });
}
