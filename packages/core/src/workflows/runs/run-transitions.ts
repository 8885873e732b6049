import { and, eq } from 'drizzle-orm';
import { workflowRuns, workflowSteps, type Executor } from '@tweetflow/db';
import { notifyWorkspaceEditors } from '../../notifications/notify-members';
import type { WorkflowDeps } from '../workflow-deps';
import type { ClaimedRun } from './claim-run';
import { emitRunChanged } from './run-events';
import { enqueueRunJob } from './run-jobs';
import { startNextQueuedRun } from './start-run';

/** The run row this job holds: updates only land while the job is still the run's. */
function held(run: ClaimedRun, jobId: string) {
  return and(eq(workflowRuns.id, run.id), eq(workflowRuns.jobId, jobId), eq(workflowRuns.status, 'running'));
}

/**
 * Records a finished step and moves the run's cursor past it, atomically. False when the
 * run was stopped meanwhile (the step's result is still recorded).
 *
 * @example
 * await completeStep(db, run, jobId, { stepId, input, output, branch, cursor, vars, now });
 */
export async function completeStep(
  db: Executor,
  run: ClaimedRun,
  jobId: string,
  step: { stepId: string; nodeId: string; input: unknown; output: unknown; branch: string; cursor: string[]; vars: Record<string, unknown>; now: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx
      .update(workflowSteps)
      .set({ status: 'succeeded', input: step.input, output: step.output ?? null, branch: step.branch, error: null, finishedAt: step.now })
      .where(eq(workflowSteps.id, step.stepId));
    const moved = await tx.update(workflowRuns).set({ cursor: step.cursor, vars: step.vars }).where(held(run, jobId)).returning({ id: workflowRuns.id });
    await emitRunChanged(tx, run.workspaceId, { runId: run.id, workflowId: run.workflowId, status: 'running', nodeId: step.nodeId, stepStatus: 'succeeded' });
    return moved.length > 0;
  });
}

/**
 * Records a failed step; the run continues on the node's error branch (`cursor` given)
 * or fails.
 *
 * @example
 * await failStep(db, run, jobId, { stepId, nodeId, input, error, now, cursor: errorBranch });
 */
export async function failStep(
  db: Executor,
  run: ClaimedRun,
  jobId: string,
  step: { stepId: string; nodeId: string; input: unknown; error: string; now: Date; cursor: string[] | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx
      .update(workflowSteps)
      .set({ status: 'failed', input: step.input ?? null, error: step.error, branch: step.cursor ? 'error' : null, finishedAt: step.now })
      .where(eq(workflowSteps.id, step.stepId));
    await emitRunChanged(tx, run.workspaceId, { runId: run.id, workflowId: run.workflowId, status: 'running', nodeId: step.nodeId, stepStatus: 'failed', error: step.error });
    if (!step.cursor) return false;
    const moved = await tx.update(workflowRuns).set({ cursor: step.cursor }).where(held(run, jobId)).returning({ id: workflowRuns.id });
    return moved.length > 0;
  });
}

/**
 * Puts the run to sleep until `at` (a wait node, a retry's backoff, a rate-limit reset),
 * with a new job that wakes it then; the step keeps what it has done so far.
 *
 * @example
 * await suspendRun(db, deps, run, jobId, { stepId, nodeId, at, state, attempts, note });
 */
export async function suspendRun(
  db: Executor,
  deps: Pick<WorkflowDeps, 'boss'>,
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
    const nextJob = await enqueueRunJob(tx, deps.boss, run.id, step.at);
    await tx.update(workflowRuns).set({ status: 'waiting', jobId: nextJob }).where(held(run, jobId));
    await emitRunChanged(tx, run.workspaceId, { runId: run.id, workflowId: run.workflowId, status: 'waiting', nodeId: step.nodeId, stepStatus: 'waiting' });
  });
}

/**
 * Stops before a breakpoint node; `continueRun` resumes it.
 *
 * @example
 * await pauseRun(db, run, jobId, nodeId);
 */
export async function pauseRun(db: Executor, run: ClaimedRun, jobId: string, nodeId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(workflowRuns).set({ status: 'paused', jobId: null }).where(held(run, jobId));
    await emitRunChanged(tx, run.workspaceId, { runId: run.id, workflowId: run.workflowId, status: 'paused', nodeId });
  });
}

/**
 * Ends the run (succeeded or failed), frees its concurrency slot for a queued run, and
 * tells the workspace's editors about a failure when the workflow asks for it.
 *
 * @example
 * await finishRun(db, deps, run, jobId, { status: 'failed', error, notify: true, workflowName });
 */
export async function finishRun(
  db: Executor,
  deps: WorkflowDeps,
  run: ClaimedRun,
  jobId: string,
  outcome: { status: 'succeeded' | 'failed'; error?: string; notify?: boolean; workflowName?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const now = deps.clock.now();
    const ended = await tx
      .update(workflowRuns)
      .set({ status: outcome.status, error: outcome.error ?? null, finishedAt: now, jobId: null })
      .where(held(run, jobId))
      .returning({ id: workflowRuns.id });
    if (ended.length === 0) return;
    await emitRunChanged(tx, run.workspaceId, { runId: run.id, workflowId: run.workflowId, status: outcome.status, error: outcome.error ?? null });
    if (!run.dryRun) await startNextQueuedRun(tx, deps, run.workflowId);
    if (outcome.status === 'failed' && outcome.notify && !run.dryRun) {
      await notifyWorkspaceEditors(tx, run.workspaceId, {
        kind: 'workflow.failed',
        title: `Workflow “${outcome.workflowName ?? 'workflow'}” failed`,
        body: outcome.error ?? 'A run failed.',
        link: `/app/workflows/${run.workflowId}/runs/${run.id}`,
      });
    }
  });
}
