import { eq, sql } from 'drizzle-orm';
import { jsonRowCount, workflowRuns, workflows, workflowSteps, type Executor } from '@tweetflow/db';
import { notifyWorkspaceEditors } from '../../notifications/notify-members';
import type { WorkflowDeps } from '../workflow-deps';
import type { ClaimedRun } from './claim-run';
import { announceRunChanges } from './run-events';
import { held, writeSettledSteps, writeSettledStepsOfRuns, type RunProgress } from './run-steps';
import { enqueueRunJob } from './run-jobs';
import { startNextQueuedRuns } from './start-run';

/**
 * Puts the run to sleep until `at` (a wait node, a retry's backoff, a rate-limit reset),
 * with a new job that wakes it then; the step keeps what it has done so far.
 *
 * @example
 * await suspendRun(db, deps, run, jobId, { stepId, nodeId, at, state, attempts, note });
 */
export async function suspendRun(
  db: Executor,
  deps: Pick<WorkflowDeps, 'boss' | 'logger'>,
  run: ClaimedRun,
  jobId: string,
  step: { stepId: string; nodeId: string; at: Date; input: unknown; state?: Record<string, unknown>; attempts?: number; note?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(workflowSteps)
      .set({
        status: step.attempts === undefined ? 'waiting' : 'running',
        input: step.input ?? null,
        ...(step.state ? { state: step.state } : {}),
        ...(step.attempts !== undefined ? { attempts: step.attempts } : {}),
        error: step.note ?? null,
      })
      .where(eq(workflowSteps.id, step.stepId));
    const nextJob = await enqueueRunJob(tx, deps.boss, run.id, { at: step.at });
    await tx.update(workflowRuns).set({ status: 'waiting', jobId: nextJob }).where(held(run, jobId));
  });
  await announceRunChanges(db, deps, [{ workspaceId: run.workspaceId, runId: run.id, workflowId: run.workflowId, status: 'waiting', nodeId: step.nodeId, stepStatus: 'waiting' }]);
}

/**
 * Stops before a breakpoint node, writing the steps settled since the last checkpoint;
 * `continueRun` resumes it.
 *
 * @example
 * await pauseRun(db, deps, run, jobId, nodeId, progress);
 */
export async function pauseRun(db: Executor, deps: Pick<WorkflowDeps, 'logger'>, run: ClaimedRun, jobId: string, nodeId: string, progress: RunProgress): Promise<void> {
  await db.transaction(async (tx) => {
    const paused = await tx
      .update(workflowRuns)
      .set({ status: 'paused', jobId: null, cursor: progress.cursor, vars: progress.vars })
      .where(held(run, jobId))
      .returning({ id: workflowRuns.id });
    if (paused.length > 0) await writeSettledSteps(tx, run.id, progress.settled);
  });
  await announceRunChanges(db, deps, [{ workspaceId: run.workspaceId, runId: run.id, workflowId: run.workflowId, status: 'paused', nodeId }]);
}

/**
 * Fails the run with the steps settled since the last checkpoint, frees its concurrency
 * slot for a queued run, and tells the workspace's editors when the workflow asks for it.
 *
 * @example
 * await failRun(db, deps, run, jobId, { error, notify: true }, progress);
 */
export async function failRun(
  db: Executor,
  deps: WorkflowDeps,
  run: ClaimedRun,
  jobId: string,
  outcome: { error: string; notify: boolean },
  progress: RunProgress,
): Promise<void> {
  const now = deps.clock.now();
  const ended = await db.transaction(async (tx) => {
    const rows = await tx
      .update(workflowRuns)
      .set({ status: 'failed', error: outcome.error, finishedAt: now, jobId: null, cursor: progress.cursor, vars: progress.vars })
      .where(held(run, jobId))
      .returning({ id: workflowRuns.id });
    if (rows.length === 0) return false;
    await writeSettledSteps(tx, run.id, progress.settled);
    if (run.dryRun) return true;
    await startNextQueuedRuns(tx, deps, [run.workflowId]);
    if (outcome.notify) {
      const [workflow] = await tx.select({ name: workflows.name }).from(workflows).where(eq(workflows.id, run.workflowId));
      await notifyWorkspaceEditors(tx, run.workspaceId, {
        kind: 'workflow.failed',
        title: `Workflow “${workflow?.name ?? 'workflow'}” failed`,
        body: outcome.error,
        link: `/app/workflows/${run.workflowId}/runs/${run.id}`,
      });
    }
    return true;
  });
  progress.settled = [];
  if (ended) await announceRunChanges(db, deps, [{ workspaceId: run.workspaceId, runId: run.id, workflowId: run.workflowId, status: 'failed', error: outcome.error }]);
}

/** The step whose completion ends the run. */
export type FinishedStep = { stepId: string; input: unknown; output: unknown; branch: string };

/**
 * A run with nothing left to run: only its end is left to write, with the steps settled
 * since its last checkpoint and the completion of its last step, if one reached outside.
 */
export type EndingRun = { run: ClaimedRun; jobId: string; progress: RunProgress; lastStep?: FinishedStep };

/**
 * Ends many runs that have nothing left to run, together (a batch of webhook → if → post
 * runs): one update of the runs, one of their last steps, one insert of their settled
 * steps, the queued runs their slots free, then one announcement. Returns the ids of the runs it ended; a run
 * stopped meanwhile is not.
 *
 * @example
 * const ended = await finishEndedRuns(db, deps, [{ run, jobId, progress }]);
 */
export async function finishEndedRuns(db: Executor, deps: WorkflowDeps, ending: readonly EndingRun[]): Promise<Set<string>> {
  if (ending.length === 0) return new Set();
  const now = deps.clock.now();
  const finished = JSON.stringify(ending.map(({ run, jobId, progress }) => ({ id: run.id, job_id: jobId, vars: progress.vars })));
  const ended = await db.transaction(async (tx) => {
    // `(status = …) is true`: the runs by key, whatever the statistics say (see claimRuns).
    const rows = await tx.execute<{ id: string }>(sql`
      update ${workflowRuns}
      set status = 'succeeded', error = null, finished_at = ${now.toISOString()}::timestamptz, job_id = null, cursor = '{}', vars = finished.vars
      from (select * from json_to_recordset(${finished}::json) as finished(id uuid, job_id uuid, vars jsonb) ${jsonRowCount(ending.length)}) as finished
      where workflow_runs.id = finished.id and workflow_runs.job_id = finished.job_id and (workflow_runs.status = 'running') is true
      returning workflow_runs.id`);
    const lastSteps = ending.flatMap(({ lastStep }) => (lastStep ? [{ id: lastStep.stepId, input: lastStep.input ?? null, output: lastStep.output ?? null, branch: lastStep.branch }] : []));
    // As with a step completed mid-run, the result is recorded even if the run was stopped meanwhile.
    if (lastSteps.length > 0) {
      await tx.execute(sql`
        update ${workflowSteps}
        set status = 'succeeded', input = done.input, output = done.output, branch = done.branch, error = null, finished_at = ${now.toISOString()}::timestamptz
        from (select * from json_to_recordset(${JSON.stringify(lastSteps)}::json) as done(id uuid, input jsonb, output jsonb, branch text) ${jsonRowCount(lastSteps.length)}) as done
        where workflow_steps.id = done.id`);
    }
    const ids = new Set(rows.map((row) => row.id));
    const endedRuns = ending.filter(({ run }) => ids.has(run.id));
    await writeSettledStepsOfRuns(tx, endedRuns.flatMap(({ run, progress }) => progress.settled.map((step) => ({ runId: run.id, step }))));
    await startNextQueuedRuns(
      tx,
      deps,
      endedRuns.filter(({ run }) => !run.dryRun).map(({ run }) => run.workflowId),
    );
    return ids;
  });
  for (const entry of ending) entry.progress.settled = [];
  await announceRunChanges(
    db,
    deps,
    ending.filter(({ run }) => ended.has(run.id)).map(({ run }) => ({ workspaceId: run.workspaceId, runId: run.id, workflowId: run.workflowId, status: 'succeeded' as const })),
  );
  return ended;
}
