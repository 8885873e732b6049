import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { workflowRuns, workflows, workflowVersions, type Executor, type Transaction } from '@tweetflow/db';
import { successors, workflowDefinitionSchema, type WorkflowDefinition } from '@tweetflow/workflows';
import type { PublishingDeps } from '../../posts/publishing-deps';
import { announceRunChanges } from './run-events';
import { enqueueRunJob } from './run-jobs';

const ACTIVE: Array<'running' | 'waiting' | 'paused'> = ['running', 'waiting', 'paused'];

export type StartRunInput = {
  workflowId: string;
  versionId: string;
  triggerType: string;
  triggerOutput: unknown;
  dryRun?: boolean;
  breakpoints?: string[];
  startedByUserId?: string | null;
};

export type StartedRun = { runId: string; status: 'queued' | 'running' | 'skipped' };

type StartDeps = Pick<PublishingDeps, 'boss' | 'clock' | 'logger'>;

/**
 * Creates a run of a workflow version and its first job in one transaction, applying the
 * workflow's concurrency policy (see `insertRun`), then announces it.
 *
 * @example
 * const { runId } = await startRun(db, deps, { workflowId, versionId, triggerType: 'manual', triggerOutput: {} });
 */
export async function startRun(db: Executor, deps: StartDeps, input: StartRunInput): Promise<StartedRun> {
  const definition = await loadDefinition(db, input.versionId);
  const started = await db.transaction(async (tx) => {
    const [workflow] = await tx
      .select({ workspaceId: workflows.workspaceId })
      .from(workflows)
      .where(eq(workflows.id, input.workflowId))
      .for('update');
    if (!workflow) throw new Error(`workflow ${input.workflowId} does not exist`);
    return insertRun(tx, deps, { ...input, workspaceId: workflow.workspaceId }, definition);
  });
  await announceRunStarted(db, deps, started);
  return { runId: started.runId, status: started.status };
}

export type InsertedRun = StartedRun & { workflowId: string; workspaceId: string };

/**
 * Writes a run and, when it may start, its job, in two statements. The caller's
 * transaction must hold the workflow's row lock, so concurrent triggers count each other:
 * with `maxConcurrentRuns` already active, `skip` records a skipped run, `queue` leaves it
 * queued until a run finishes, `allow` starts it anyway. The count happens inside the
 * insert, after the lock was taken, rather than in a round trip of its own.
 *
 * @example
 * const run = await insertRun(tx, deps, { ...input, workspaceId }, definition);
 */
export async function insertRun(
  tx: Transaction,
  deps: Pick<PublishingDeps, 'boss' | 'clock'>,
  input: StartRunInput & { workspaceId: string },
  definition: WorkflowDefinition,
): Promise<InsertedRun> {
  const { maxConcurrentRuns, overlap } = definition.settings;
  const dryRun = input.dryRun ?? false;
  const limited = !dryRun && overlap !== 'allow';
  const now = deps.clock.now();
  const jobId = randomUUID();
  const full = sql`(select count(*) from ${workflowRuns} where ${and(eq(workflowRuns.workflowId, input.workflowId), inArray(workflowRuns.status, ACTIVE), eq(workflowRuns.dryRun, false))}) >= ${maxConcurrentRuns}`;
  const overflow = overlap === 'skip' ? 'skipped' : 'queued';
  const skipReason = `Skipped: ${maxConcurrentRuns} runs were already active (overlap policy "skip").`;
  const [run] = await tx
    .insert(workflowRuns)
    .values({
      workflowId: input.workflowId,
      workspaceId: input.workspaceId,
      versionId: input.versionId,
      status: limited ? sql`case when ${full} then ${overflow}::workflow_run_status else 'running'::workflow_run_status end` : 'running',
      jobId: limited ? sql`case when ${full} then null else ${jobId}::uuid end` : jobId,
      triggerType: input.triggerType,
      triggerOutput: input.triggerOutput ?? null,
      dryRun,
      cursor: successors(definition, 'trigger', 'next'),
      breakpoints: input.breakpoints ?? [],
      startedByUserId: input.startedByUserId ?? null,
      ...(limited && overlap === 'skip'
        ? { finishedAt: sql`case when ${full} then ${now.toISOString()}::timestamptz end`, error: sql`case when ${full} then ${skipReason} end` }
        : {}),
      createdAt: now,
    })
    .returning({ id: workflowRuns.id, status: workflowRuns.status });
  const status = run!.status as StartedRun['status'];
  if (status === 'running') await enqueueRunJob(tx, deps.boss, run!.id, { id: jobId });
  return { runId: run!.id, status, workflowId: input.workflowId, workspaceId: input.workspaceId };
}

/**
 * Tells the workspace's live views about a run that was just committed.
 *
 * @example
 * await announceRunStarted(db, deps, run);
 */
export function announceRunStarted(db: Executor, deps: Pick<PublishingDeps, 'logger'>, run: InsertedRun): Promise<void> {
  return announceRunChanges(db, deps, run.workspaceId, [{ runId: run.runId, workflowId: run.workflowId, status: run.status }]);
}

/**
 * Starts the oldest queued run of the workflow, if a slot is free; called when a run ends.
 *
 * @example
 * await startNextQueuedRun(tx, deps, workflowId);
 */
export async function startNextQueuedRun(tx: Transaction, deps: Pick<PublishingDeps, 'boss'>, workflowId: string): Promise<void> {
  const [next] = await tx
    .select({ id: workflowRuns.id })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.workflowId, workflowId), eq(workflowRuns.status, 'queued'), sql`${workflowRuns.jobId} is null`))
    .orderBy(asc(workflowRuns.createdAt))
    .limit(1)
    .for('update', { skipLocked: true });
  if (!next) return;
  const jobId = await enqueueRunJob(tx, deps.boss, next.id);
  await tx.update(workflowRuns).set({ jobId, status: 'running' }).where(eq(workflowRuns.id, next.id));
}

/**
 * A version's definition, parsed (versions are validated when saved, so this only fills defaults).
 *
 * @example
 * const definition = await loadDefinition(db, versionId);
 */
export async function loadDefinition(db: Executor, versionId: string): Promise<WorkflowDefinition> {
  const cached = definitions.get(versionId);
  if (cached) return cached;
  const [version] = await db.select({ definition: workflowVersions.definition }).from(workflowVersions).where(eq(workflowVersions.id, versionId));
  if (!version) throw new Error(`workflow version ${versionId} does not exist`);
  const definition = workflowDefinitionSchema.parse(version.definition);
  if (definitions.size >= MAX_CACHED_DEFINITIONS) definitions.delete(definitions.keys().next().value!);
  definitions.set(versionId, definition);
  return definition;
}

// Versions never change once written, so their parsed definitions can be kept: every
// webhook call and every run step would otherwise read and parse the same JSON again.
const MAX_CACHED_DEFINITIONS = 5_000;
const definitions = new Map<string, WorkflowDefinition>();
