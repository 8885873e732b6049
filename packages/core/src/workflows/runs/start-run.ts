import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { workflowRuns, workflows, workflowVersions, type Executor, type Transaction } from '@tweetflow/db';
import { successors, workflowDefinitionSchema, type WorkflowDefinition } from '@tweetflow/workflows';
import type { PublishingDeps } from '../../posts/publishing-deps';
import { emitRunChanged } from './run-events';
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

/**
 * Creates a run of a workflow version and its first job in one transaction, applying the
 * workflow's concurrency policy: with `maxConcurrentRuns` already active, `skip` records a
 * skipped run, `queue` leaves it queued until a run finishes, `allow` starts it anyway.
 * The workflow row is locked meanwhile, so concurrent triggers count each other.
 *
 * @example
 * const { runId } = await startRun(db, deps, { workflowId, versionId, triggerType: 'manual', triggerOutput: {} });
 */
export async function startRun(db: Executor, deps: Pick<PublishingDeps, 'boss' | 'clock'>, input: StartRunInput): Promise<StartedRun> {
  return db.transaction(async (tx) => {
    const [workflow] = await tx
      .select({ workspaceId: workflows.workspaceId })
      .from(workflows)
      .where(eq(workflows.id, input.workflowId))
      .for('update');
    if (!workflow) throw new Error(`workflow ${input.workflowId} does not exist`);
    const definition = await loadDefinition(tx, input.versionId);
    const { maxConcurrentRuns, overlap } = definition.settings;
    const dryRun = input.dryRun ?? false;
    let status: StartedRun['status'] = 'running';
    if (!dryRun && overlap !== 'allow') {
      const [row] = await tx
        .select({ active: sql<number>`count(*)::int` })
        .from(workflowRuns)
        .where(and(eq(workflowRuns.workflowId, input.workflowId), inArray(workflowRuns.status, ACTIVE), eq(workflowRuns.dryRun, false)));
      if ((row?.active ?? 0) >= maxConcurrentRuns) status = overlap === 'skip' ? 'skipped' : 'queued';
    }
    const now = deps.clock.now();
    const [run] = await tx
      .insert(workflowRuns)
      .values({
        workflowId: input.workflowId,
        workspaceId: workflow.workspaceId,
        versionId: input.versionId,
        status,
        triggerType: input.triggerType,
        triggerOutput: input.triggerOutput ?? null,
        dryRun,
        cursor: successors(definition, 'trigger', 'next'),
        breakpoints: input.breakpoints ?? [],
        startedByUserId: input.startedByUserId ?? null,
        ...(status === 'skipped' ? { finishedAt: now, error: `Skipped: ${maxConcurrentRuns} runs were already active (overlap policy "skip").` } : {}),
        createdAt: now,
      })
      .returning({ id: workflowRuns.id });
    const runId = run!.id;
    if (status === 'running') {
      const jobId = await enqueueRunJob(tx, deps.boss, runId);
      await tx.update(workflowRuns).set({ jobId }).where(eq(workflowRuns.id, runId));
    }
    await emitRunChanged(tx, workflow.workspaceId, { runId, workflowId: input.workflowId, status });
    return { runId, status };
  });
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
