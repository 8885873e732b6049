import { and, asc, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { workflowRuns, workflowSteps, workflowVersions, type Executor } from '@tweetflow/db';
import { DomainError } from '../../errors';
import type { RunStatus } from './run-events';

/**
 * A workflow's runs, newest first, filtered by status, paged by cursor (the last run's id).
 *
 * @example
 * const { runs, nextCursor } = await listRuns(db, { workspaceId, workflowId, statuses: ['failed'] });
 */
export async function listRuns(
  db: Executor,
  input: { workspaceId: string; workflowId?: string; statuses?: RunStatus[]; limit?: number; cursor?: string | null },
) {
  const limit = Math.min(input.limit ?? 50, 200);
  const filters: SQL[] = [eq(workflowRuns.workspaceId, input.workspaceId)];
  if (input.workflowId) filters.push(eq(workflowRuns.workflowId, input.workflowId));
  if (input.statuses?.length) filters.push(inArray(workflowRuns.status, input.statuses));
  // Run ids are UUIDv7, ordered by creation, so the id alone is the cursor.
  if (input.cursor) filters.push(lt(workflowRuns.id, input.cursor));
  const rows = await db
    .select({
      id: workflowRuns.id,
      workflowId: workflowRuns.workflowId,
      status: workflowRuns.status,
      triggerType: workflowRuns.triggerType,
      dryRun: workflowRuns.dryRun,
      error: workflowRuns.error,
      version: workflowVersions.version,
      versionId: workflowRuns.versionId,
      createdAt: workflowRuns.createdAt,
      startedAt: workflowRuns.startedAt,
      finishedAt: workflowRuns.finishedAt,
    })
    .from(workflowRuns)
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflowRuns.versionId))
    .where(and(...filters))
    .orderBy(desc(workflowRuns.id))
    .limit(limit + 1);
  const runs = rows.slice(0, limit).map((row) => ({
    ...row,
    durationMs: row.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
  }));
  return { runs, nextCursor: rows.length > limit ? (runs.at(-1)?.id ?? null) : null };
}

/**
 * One run with every step's input, output, error and timing, for the debugger.
 *
 * @example
 * const run = await getRun(db, { workspaceId, runId });
 */
export async function getRun(db: Executor, input: { workspaceId: string; runId: string }) {
  const [run] = await db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.id, input.runId), eq(workflowRuns.workspaceId, input.workspaceId)));
  if (!run) throw new DomainError('not_found', 'That run does not exist in this workspace.');
  const steps = await db.select().from(workflowSteps).where(eq(workflowSteps.runId, run.id)).orderBy(asc(workflowSteps.sequence));
  const [version] = await db.select({ version: workflowVersions.version }).from(workflowVersions).where(eq(workflowVersions.id, run.versionId));
  return {
    id: run.id,
    workflowId: run.workflowId,
    versionId: run.versionId,
    version: version?.version ?? null,
    status: run.status,
    triggerType: run.triggerType,
    triggerOutput: run.triggerOutput,
    dryRun: run.dryRun,
    vars: run.vars,
    breakpoints: run.breakpoints,
    pausedAt: run.status === 'paused' ? (run.cursor[0] ?? null) : null,
    error: run.error,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    steps: steps.map((step) => ({
      id: step.id,
      nodeId: step.nodeId,
      sequence: step.sequence,
      status: step.status,
      input: step.input,
      output: step.output,
      branch: step.branch,
      error: step.error,
      attempts: step.attempts,
      startedAt: step.startedAt,
      finishedAt: step.finishedAt,
      durationMs: step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : null,
    })),
  };
}

