import { and, desc, eq } from 'drizzle-orm';
import { workflowRuns, workflowVersions, type Executor, type Transaction } from '@tweetflow/db';
import { validateWorkflow } from '@tweetflow/workflows';
import { DomainError } from '../../errors';
import { listXAccountIds } from '../../x-accounts/list-x-accounts';
import { findWorkflow } from '../manage/workflow-access';
import type { WorkflowDeps } from '../workflow-deps';
import { emitRunChanged } from './run-events';
import { enqueueRunJob } from './run-jobs';
import { startNextQueuedRuns, startRun, type StartedRun } from './start-run';

/**
 * Starts a run by hand: of the active version, or (for testing from the editor) of any
 * version — the latest when none is given — as a dry run that reaches neither X nor
 * anyone's inbox, optionally stopping at breakpoints.
 *
 * @example
 * await runWorkflowNow(db, deps, { workspaceId, workflowId, userId, input: { text: 'launch' }, dryRun: true, breakpoints: ['post'] });
 */
export async function runWorkflowNow(
  db: Executor,
  deps: Pick<WorkflowDeps, 'boss' | 'clock' | 'logger'>,
  input: { workspaceId: string; workflowId: string; userId: string; input?: unknown; dryRun?: boolean; versionId?: string; breakpoints?: string[] },
): Promise<StartedRun> {
  const workflow = await findWorkflow(db, input.workspaceId, input.workflowId);
  const dryRun = input.dryRun ?? false;
  let versionId = input.versionId ?? (dryRun ? undefined : workflow.activeVersionId ?? undefined);
  if (!versionId && !dryRun) throw new DomainError('conflict', 'The workflow is not active; activate it, or make a test run of a version.');
  const [version] = await db
    .select()
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workflowId, workflow.id), ...(versionId ? [eq(workflowVersions.id, versionId)] : [])))
    .orderBy(desc(workflowVersions.version))
    .limit(1);
  if (!version) throw new DomainError('not_found', 'That version of the workflow does not exist.');
  versionId = version.id;
  const accountIds = await listXAccountIds(db, input.workspaceId);
  const checked = validateWorkflow(version.definition, { accountIds });
  if (!checked.ok) {
    throw new DomainError('bad_request', `Version ${version.version} has ${checked.problems.length} problem(s) to fix first: ${checked.problems.map((problem) => `${problem.nodeId ?? 'workflow'}: ${problem.message}`).slice(0, 3).join('; ')}.`);
  }
  const triggerOutput = input.input ?? (checked.definition.trigger.type === 'manual' ? (checked.definition.trigger.params.sampleInput ?? {}) : {});
  return startRun(db, deps, {
    workflowId: workflow.id,
    versionId,
    triggerType: 'manual',
    triggerOutput,
    dryRun,
    breakpoints: input.breakpoints ?? [],
    startedByUserId: input.userId,
  });
}

/**
 * Continues a run paused at a breakpoint: runs the node it stopped before, then on to the
 * next breakpoint (or the end).
 *
 * @example
 * await continueRun(db, deps, { workspaceId, runId });
 */
export async function continueRun(db: Executor, deps: Pick<WorkflowDeps, 'boss'>, input: { workspaceId: string; runId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const run = await lockRun(tx, input);
    if (run.status !== 'paused') throw new DomainError('conflict', `The run is ${run.status}, not paused at a breakpoint.`);
    const at = run.cursor[0];
    const jobId = await enqueueRunJob(tx, deps.boss, run.id);
    await tx
      .update(workflowRuns)
      .set({ status: 'running', jobId, breakpoints: run.breakpoints.filter((nodeId) => nodeId !== at) })
      .where(eq(workflowRuns.id, run.id));
    await emitRunChanged(tx, run.workspaceId, { runId: run.id, workflowId: run.workflowId, status: 'running' });
  });
}

/**
 * Stops a run that has not finished; a step in progress completes, nothing after it runs.
 *
 * @example
 * await stopRun(db, deps, { workspaceId, runId });
 */
export async function stopRun(db: Executor, deps: Pick<WorkflowDeps, 'boss' | 'clock'>, input: { workspaceId: string; runId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const run = await lockRun(tx, input);
    if (['succeeded', 'failed', 'cancelled', 'skipped'].includes(run.status)) throw new DomainError('conflict', `The run has already ended (${run.status}).`);
    await tx
      .update(workflowRuns)
      .set({ status: 'cancelled', jobId: null, finishedAt: deps.clock.now(), error: 'Stopped by hand.' })
      .where(eq(workflowRuns.id, run.id));
    await emitRunChanged(tx, run.workspaceId, { runId: run.id, workflowId: run.workflowId, status: 'cancelled' });
    if (!run.dryRun) await startNextQueuedRuns(tx, deps, [run.workflowId]);
  });
}

/** The run, locked for a change, if it is in the workspace. */
async function lockRun(tx: Transaction, input: { workspaceId: string; runId: string }) {
  const [run] = await tx
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.id, input.runId), eq(workflowRuns.workspaceId, input.workspaceId)))
    .for('update');
  if (!run) throw new DomainError('not_found', 'That run does not exist in this workspace.');
  return run;
}
