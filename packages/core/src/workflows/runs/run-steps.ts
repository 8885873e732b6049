import { and, eq, sql } from 'drizzle-orm';
import { workflowRuns, workflowSteps, type Executor, type Transaction } from '@tweetflow/db';
import type { Logger } from '../../runtime/logger';
import type { ClaimedRun } from './claim-run';
import { announceRunChanges } from './run-events';
import { writeCheckpoint } from './write-checkpoints';

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
export function writeSettledSteps(db: Executor, runId: string, settled: readonly SettledStep[]): Promise<void> {
  return writeSettledStepsOfRuns(db, settled.map((step) => ({ runId, step })));
}

/**
 * Writes the settled steps of many runs (none is a no-op) in one statement, the steps as
 * one JSON parameter (see `MAX_PREPARED_PARAMETERS` in @tweetflow/db).
 *
 * @example
 * await writeSettledStepsOfRuns(tx, ended.flatMap(({ run, progress }) => progress.settled.map((step) => ({ runId: run.id, step }))));
 */
export async function writeSettledStepsOfRuns(db: Executor, steps: ReadonlyArray<{ runId: string; step: SettledStep }>): Promise<void> {
  if (steps.length === 0) return;
  const rows = steps.map(({ runId, step }) => ({ runId, ...settledStepRow(step) }));
  await db.execute(sql`
    insert into ${workflowSteps} (run_id, node_id, sequence, status, input, output, branch, started_at, finished_at)
    select step."runId", step."nodeId", step.sequence, step.status::workflow_step_status, step.input, step.output, step.branch, step."startedAt", step."finishedAt"
    from json_to_recordset(${JSON.stringify(rows)}::json)
      as step("runId" uuid, "nodeId" text, sequence int, status text, input jsonb, output jsonb, branch text, "startedAt" timestamptz, "finishedAt" timestamptz)`);
}

/** A settled step as the JSON row that statements (and checkpoints) write to `workflow_steps`. */
function settledStepRow(step: SettledStep) {
  const { nodeId, sequence, input, output, branch, at } = step;
  return { nodeId, sequence, status: 'succeeded' as const, input: input ?? null, output: output ?? null, branch, startedAt: at.toISOString(), finishedAt: at.toISOString() };
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
    const id = await writeCheckpoint(db, {
      runId: run.id,
      jobId,
      cursor: progress.cursor,
      vars: progress.vars,
      steps: [
        ...progress.settled.map(settledStepRow),
        { nodeId: step.nodeId, sequence: step.sequence, status: 'running' as const, startedAt: step.now.toISOString() },
      ],
      runningSequence: step.sequence,
    });
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
