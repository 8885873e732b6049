import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor, TextStatement } from '@tweetflow/db';
import { emitWorkspaceEvent, emitWorkspaceEvents, workspaceEventsStatement, type Envelope, type RunChangedEvent } from '../../events/workspace-events';
import type { Logger } from '../../runtime/logger';

export type RunStatus = RunChangedEvent['status'];

export type RunChange = { workspaceId: string; runId: string; workflowId: string; status: RunStatus; nodeId?: string; stepStatus?: string; error?: string | null };

function runChangedEvent(change: Omit<RunChange, 'workspaceId'>): RunChangedEvent {
  return {
    type: 'run.changed',
    runId: change.runId,
    workflowId: change.workflowId,
    status: change.status,
    nodeId: change.nodeId ?? null,
    stepStatus: change.stepStatus ?? null,
    error: change.error?.slice(0, 500) ?? null,
  };
}

/**
 * Announces a run's or a step's change to the workspace's live streams inside the caller's
 * transaction (the editor shows each node's status as the run progresses). For the rare
 * changes people make by hand; the engine's own changes use `announceRunChanges`.
 *
 * @example
 * await emitRunChanged(tx, workspaceId, { runId, workflowId, status: 'running' });
 */
export async function emitRunChanged(db: Executor, workspaceId: string, change: Omit<RunChange, 'workspaceId'>): Promise<void> {
  await emitWorkspaceEvent(db, workspaceId, runChangedEvent(change));
}

/**
 * Announces changes that are already committed, in one statement of its own with an
 * asynchronous commit. Postgres serializes the commits of all transactions that NOTIFY
 * (a cluster-wide lock held until the commit is flushed), so a NOTIFY inside each run
 * transition made every webhook call and every step wait in one line for the disk. The
 * events only tell live views to re-read, so one lost in a crash costs nothing but a
 * refresh; a failure to send them is logged and the run goes on.
 *
 * @example
 * await announceRunChanges(db, deps, [{ workspaceId, runId, workflowId, status: 'succeeded' }]);
 */
export async function announceRunChanges(db: Executor, deps: { logger: Logger }, changes: RunChange[]): Promise<void> {
  if (changes.length === 0) return;
  const envelopes: Envelope[] = changes.map((change) => ({ workspaceId: change.workspaceId, event: runChangedEvent(change) }));
  // Inside a caller's transaction the events go out with its commit, whose durability is its own.
  if (db instanceof PgTransaction) return emitWorkspaceEvents(db, envelopes);
  try {
    await emitWorkspaceEvents(db, envelopes, { asynchronousCommit: true });
  } catch (error) {
    deps.logger.warn({ err: error, runIds: changes.map((change) => change.runId) }, 'run change not announced; live views catch up on their next read');
  }
}

/**
 * The statement that announces run changes with the commit of the transaction it is sent
 * in, for a caller that sends it with its other statements (see `planRuns`).
 *
 * @example
 * const statement = runChangesStatement([{ workspaceId, runId, workflowId, status: 'running' }]);
 */
export function runChangesStatement(changes: readonly RunChange[]): TextStatement {
  return workspaceEventsStatement(changes.map((change) => ({ workspaceId: change.workspaceId, event: runChangedEvent(change) })));
}
