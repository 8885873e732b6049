import { sql } from 'drizzle-orm';
import { BatchLane, jsonRowCount, workflowRuns, workflowSteps, type Executor } from '@tweetflow/db';

/**
 * One run's checkpoint before a node that reaches outside the run: its cursor and
 * variables, the steps settled since the last checkpoint (as `workflow_steps` rows, times
 * as ISO text) and the node's `running` step, written only while `jobId` holds the run.
 */
export type Checkpoint = {
  runId: string;
  jobId: string;
  cursor: string[];
  vars: Record<string, unknown>;
  steps: Array<{ nodeId: string; sequence: number; status: 'succeeded' | 'running'; input?: unknown; output?: unknown; branch?: string; startedAt: string; finishedAt?: string }>;
  /** The sequence of the `running` step, whose id the checkpoint answers with. */
  runningSequence: number;
};

/** More runs than this wait for the next statement. */
const MAX_BATCH = 200;

// Per database handle, as a worker's concurrent runs meet there.
const lanesOf = new WeakMap<Executor, BatchLane<Checkpoint, string | null>>();

/**
 * Writes a run's checkpoint; answers the running step's id, or null when the run was
 * stopped meanwhile (nothing is written then). Runs checkpointing at the same moment (the
 * runs of a fetched batch that all reach a post node) share one statement: one each was
 * the worker's most frequent statement (`pnpm bench workflows`).
 *
 * @example
 * const stepId = await writeCheckpoint(db, { runId, jobId, cursor, vars, steps, runningSequence: 2 });
 */
export function writeCheckpoint(db: Executor, checkpoint: Checkpoint): Promise<string | null> {
  let lane = lanesOf.get(db);
  if (!lane) lanesOf.set(db, (lane = new BatchLane((batch: Checkpoint[]) => writeCheckpoints(db, batch), { maxWeight: MAX_BATCH })));
  return lane.submit(checkpoint);
}

async function writeCheckpoints(db: Executor, checkpoints: Checkpoint[]): Promise<Array<string | null>> {
  // One JSON parameter for the whole batch, with its row count for the planner;
  // `(status = …) is true` finds the runs by key, whatever the statistics say (see claimRuns).
  const rows = await db.execute<{ id: string; run_id: string }>(sql`
    with checkpoint as (
      select * from json_to_recordset(${JSON.stringify(checkpoints)}::json)
        as checkpoint("runId" uuid, "jobId" uuid, cursor json, vars jsonb, steps json, "runningSequence" int)
      ${jsonRowCount(checkpoints.length)}
    ), moved as (
      update ${workflowRuns} as runs set cursor = array(select json_array_elements_text(checkpoint.cursor)), vars = checkpoint.vars
      from checkpoint
      where runs.id = checkpoint."runId" and runs.job_id = checkpoint."jobId" and (runs.status = 'running') is true
      returning runs.id
    ), written as (
      insert into ${workflowSteps} (run_id, node_id, sequence, status, input, output, branch, started_at, finished_at)
      select moved.id, step."nodeId", step.sequence, step.status::workflow_step_status, step.input, step.output, step.branch, step."startedAt", step."finishedAt"
      from moved
      join checkpoint on checkpoint."runId" = moved.id
      cross join lateral json_to_recordset(checkpoint.steps) as step("nodeId" text, sequence int, status text, input jsonb, output jsonb, branch text, "startedAt" timestamptz, "finishedAt" timestamptz)
      returning id, run_id, sequence
    )
    select written.id, written.run_id from written join checkpoint on checkpoint."runId" = written.run_id and checkpoint."runningSequence" = written.sequence`);
  const stepIds = new Map([...rows].map((row) => [row.run_id, row.id]));
  return checkpoints.map((checkpoint) => stepIds.get(checkpoint.runId) ?? null);
}
