import type { Executor } from '@tweetflow/db';
import { emitWorkspaceEvent } from '../../events/workspace-events';

export type RunStatus = 'queued' | 'running' | 'waiting' | 'paused' | 'succeeded' | 'failed' | 'cancelled' | 'skipped';

/**
 * Announces a run's or a step's change to the workspace's live streams (the editor shows
 * each node's status as the run progresses).
 *
 * @example
 * await emitRunChanged(tx, workspaceId, { runId, workflowId, status: 'running' });
 */
export async function emitRunChanged(
  db: Executor,
  workspaceId: string,
  change: { runId: string; workflowId: string; status: RunStatus; nodeId?: string; stepStatus?: string; error?: string | null },
): Promise<void> {
  await emitWorkspaceEvent(db, workspaceId, {
    type: 'run.changed',
    runId: change.runId,
    workflowId: change.workflowId,
    status: change.status,
    nodeId: change.nodeId ?? null,
    stepStatus: change.stepStatus ?? null,
    error: change.error?.slice(0, 500) ?? null,
  });
}
