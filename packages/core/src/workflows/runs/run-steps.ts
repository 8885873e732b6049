import { and, eq, sql } from 'drizzle-orm';
import { workflowRuns, workflowSteps, type Executor, type Transaction } from '@tweetflow/db';
import type { Logger } from '../../runtime/logger';
import type { ClaimedRun } from './claim-run';
import { announceRunChanges } from './run-events';

export type StepRow = typeof workflowSteps.$inferSelect;

/**
 * A pure node's step (if, switch, set, format), evaluated but not yet written. It is
 * written with the run's next checkpoint: the start of a step that reaches outside the
 * run, or the run's end. A crash before then evaluates it again, with the same result
 * and nothing outside the run having seen the first evaluation.
 */
export type SettledStep = { nodeId: string; sequence: number; input: unknown; output: unknown; branch: string; at: Date };

/** Where the run stands in memory: written at each checkpoint. */
export type RunProgress = { settled: SettledStep[]; cursor: string[]; vars: Record<string, unknown> };

/** The run row this job holds: updates only land while the job is still the run's. */
export function held(run: ClaimedRun, jobId: string) {
  return and(eq(workflowRuns.id, run.id), eq(workflowRuns.jobId, jobId), eq(workflowRuns.status, 'running'));
}

/**
 * Writes settled steps (none is a no-op).
 *
 * @example
 * await writeSettledSteps(tx, run.id, progress.settled);
 */
export async function writeSettledSteps(db: Executor, runId: string, settled: readonly SettledStep[]): Promise<void> {
  if (settled.length === 0) return;
  await db.insert(workflowSteps).values(settled.map((step) => settledRow(runId, step)));
}

/** A settled step as its `workflow_steps` row. */
export function settledRow(runId: string, step: SettledStep) {
  const { nodeId, sequence, input, output, branch, at } = step;
  return { runId, nodeId, sequence, status: 'succeeded' as const, input, output: output ?? null, branch, startedAt: at, finishedAt: at };
}

/**
 * The checkpoint before a node that reaches outside the run: the steps settled since the
 * last one, the cursor, and the node's `running` step, together. Null when the run was
 * stopped meanwhile (nothing is written then, and the node does not run).
 *
 * @example
 * const step = await startStep(db, deps, run, jobId, { nodeId, sequence, now }, progress);
 */
export async function startStep(
  db: Executor,
  deps: { logger: Logger },
  run: ClaimedRun,
  jobId: string,
  step: { nodeId: string; sequence: number; now: Date },
  progress: RunProgress,
): Promise<StepRow | null> {
  const running = { runId: run.id, nodeId: step.nodeId, sequence: step.sequence, status: 'running' as const, startedAt: step.now };
  let started: StepRow | undefined;
  if (progress.settled.length === 0) {
    // The cursor already stands here: the last write moved it.
    [started] = await db.insert(workflowSteps).values(running).returning();
  } else {
    const id = await writeCheckpoint(db, run, jobId, progress, running);
    started = id ? { ...running, id, input: null, output: null, state: null, branch: null, error: null, attempts: 1, finishedAt: null } : undefined;
  }
  if (!started) return null;
  progress.settled = [];
  await announceRunChanges(db, deps, [{ workspaceId: run.workspaceId, runId: run.id, workflowId: run.workflowId, status: 'running', nodeId: step.nodeId, stepStatus: 'running' }]);
  return started;
}

/**
 * Records a finished step and moves the run's cursor past it, in one statement. False when
 * the run was stopped meanwhile (the step's result is still recorded).
 *
 * @example
 * await completeStep(db, deps, run, jobId, { stepId, nodeId, input, output, branch, cursor, vars, now });
 */
export async function completeStep(
  db: Executor,
  deps: { logger: Logger },
  run: ClaimedRun,
  jobId: string,
  step: { stepId: string; nodeId: string; input: unknown; output: unknown; branch: string; cursor: string[]; vars: Record<string, unknown>; now: Date },
): Promise<boolean> {
  const recorded = db
    .$with('recorded')
    .as(
      db
        .update(workflowSteps)
        .set({ status: 'succeeded', input: step.input, output: step.output ?? null, branch: step.branch, error: null, finishedAt: step.now })
        .where(eq(workflowSteps.id, step.stepId))
        .returning({ id: workflowSteps.id }),
    );
  const moved = await db.with(recorded).update(workflowRuns).set({ cursor: step.cursor, vars: step.vars }).where(held(run, jobId)).returning({ id: workflowRuns.id });
  await announceRunChanges(db, deps, [{ workspaceId: run.workspaceId, runId: run.id, workflowId: run.workflowId, status: 'running', nodeId: step.nodeId, stepStatus: 'succeeded' }]);
  return moved.length > 0;
}

/**
 * Records a failed step; the run continues on the node's error branch (`cursor` given)
 * or fails.
 *
 * @example
 * await failStep(db, deps, run, jobId, { stepId, nodeId, input, error, now, cursor: errorBranch });
 */
export async function failStep(
  db: Executor,
  deps: { logger: Logger },
  run: ClaimedRun,
  jobId: string,
  step: { stepId: string; nodeId: string; input: unknown; error: string; now: Date; cursor: string[] | null },
): Promise<boolean> {
  const moved = await db.transaction(async (tx: Transaction) => {
    await tx
      .update(workflowSteps)
      .set({ status: 'failed', input: step.input ?? null, error: step.error, branch: step.cursor ? 'error' : null, finishedAt: step.now })
      .where(eq(workflowSteps.id, step.stepId));
    if (!step.cursor) return false;
    const rows = await tx.update(workflowRuns).set({ cursor: step.cursor }).where(held(run, jobId)).returning({ id: workflowRuns.id });
    return rows.length > 0;
  });
  await announceRunChanges(db, deps, [
    { workspaceId: run.workspaceId, runId: run.id, workflowId: run.workflowId, status: 'running', nodeId: step.nodeId, stepStatus: 'failed', error: step.error },
  ]);
  return moved;
}

/**
 * One statement: moves the cursor (and vars) if this job still holds the run, and only
 * then writes the settled steps and the running one. The running step's id, or null.
 */
async function writeCheckpoint(
  db: Executor,
  run: ClaimedRun,
  jobId: string,
  progress: RunProgress,
  running: { nodeId: string; sequence: number; startedAt: Date },
): Promise<string | null> {
  const steps = JSON.stringify([
    ...progress.settled.map((step) => ({ ...settledRow(run.id, step), startedAt: step.at.toISOString(), finishedAt: step.at.toISOString() })),
    { nodeId: running.nodeId, sequence: running.sequence, status: 'running', startedAt: running.startedAt.toISOString() },
  ]);
  const rows = await db.execute<{ id: string }>(sql`
    with moved as (
      update ${workflowRuns} set cursor = array(select json_array_elements_text(${JSON.stringify(progress.cursor)}::json)), vars = ${JSON.stringify(progress.vars)}::jsonb
      where ${held(run, jobId)}
      returning id
    ), written as (
      insert into ${workflowSteps} (run_id, node_id, sequence, status, input, output, branch, started_at, finished_at)
      select moved.id, step."nodeId", step.sequence, step.status::workflow_step_status, step.input, step.output, step.branch, step."startedAt", step."finishedAt"
      from moved, json_to_recordset(${steps}::json) as step("nodeId" text, sequence int, status text, input jsonb, output jsonb, branch text, "startedAt" timestamptz, "finishedAt" timestamptz)
      returning id, sequence
    )
    select id from written where sequence = ${running.sequence}`);
  return rows[0]?.id ?? null;
}
