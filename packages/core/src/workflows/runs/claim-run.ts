import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { workflowRuns, type Executor } from '@tweetflow/db';

/**
 * Marks the run `running` (and started, the first time) if this job is still the run's
 * job and the run still wants running; null otherwise (finished, cancelled, paused, or a
 * newer job took over). `hasSteps` tells whether an earlier job got as far as recording
 * a step, so a run's first job need not read its steps.
 *
 * @example
 * const run = await claimRun(db, { runId, jobId, now });
 */
export async function claimRun(db: Executor, input: { runId: string; jobId: string; now: Date }) {
  const [run] = await db
    .update(workflowRuns)
    .set({ status: 'running', startedAt: sql`coalesce(${workflowRuns.startedAt}, ${input.now.toISOString()}::timestamptz)` })
    .where(and(eq(workflowRuns.id, input.runId), eq(workflowRuns.jobId, input.jobId), inArray(workflowRuns.status, ['queued', 'running', 'waiting'])))
    .returning({
      ...getTableColumns(workflowRuns),
      // Written out: drizzle leaves RETURNING's columns unqualified, which the subquery would read as its own.
      hasSteps: sql<boolean>`exists (select from workflow_steps where workflow_steps.run_id = workflow_runs.id)`,
    });
  return run ?? null;
}

export type ClaimedRun = NonNullable<Awaited<ReturnType<typeof claimRun>>>;
