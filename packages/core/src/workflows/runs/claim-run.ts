import { and, getTableColumns, sql } from 'drizzle-orm';
import { jsonRowCount, workflowRuns, type Executor } from '@tweetflow/db';

/**
 * Marks each job's run `running` (and started, the first time) if the job is still the
 * run's job and the run still wants running, in one statement; keyed by run id (the runs
 * of a webhook batch share a job). A run missing from the map stands down (finished,
 * cancelled, paused, or a newer job took over). `hasSteps` tells whether an earlier job
 * got as far as recording a step, so a run's first job need not read its steps.
 *
 * @example
 * const runs = await claimRuns(db, [{ id: jobId, runId }], now);
 */
export async function claimRuns(db: Executor, jobs: ReadonlyArray<{ id: string; runId: string }>, now: Date): Promise<Map<string, ClaimedRun>> {
  if (jobs.length === 0) return new Map();
  // One JSON parameter: drizzle would expand a bare array into a list of parameters.
  const pairs = JSON.stringify(jobs.map((job) => ({ runId: job.runId, jobId: job.id })));
  const runs = await db
    .update(workflowRuns)
    .set({ status: 'running', startedAt: sql`coalesce(${workflowRuns.startedAt}, ${now.toISOString()}::timestamptz)` })
    .where(
      and(
        sql`(${workflowRuns.id}, ${workflowRuns.jobId}) in (select (pair->>'runId')::uuid, (pair->>'jobId')::uuid from json_array_elements(${pairs}::json) as pair ${jsonRowCount(jobs.length)})`,
        // `is true` changes nothing for a NOT NULL column, but no index can take it. The last
        // analyse mostly saw finished runs, so PostgreSQL believes almost no run is active, and
        // PostgreSQL 18's skip scan of (workflow_id, status) then looked cheaper than looking the
        // batch's runs up by key: it read every active run for each batch, 0.5–0.8 ms per run
        // instead of 0.02 in a burst (`pnpm bench workflows`). The batch's runs go by key now.
        sql`(${workflowRuns.status} in ('queued', 'running', 'waiting')) is true`,
      ),
    )
    .returning(claimedColumns);
  return new Map(runs.map((run) => [run.id, run]));
}

const claimedColumns = {
  ...getTableColumns(workflowRuns),
  // Written out: drizzle leaves RETURNING's columns unqualified, which the subquery would read as its own.
  hasSteps: sql<boolean>`exists (select from workflow_steps where workflow_steps.run_id = workflow_runs.id)`,
};

export type ClaimedRun = typeof workflowRuns.$inferSelect & { hasSteps: boolean };
