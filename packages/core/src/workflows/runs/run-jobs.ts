import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss } from 'pg-boss';
import type { Transaction } from '@tweetflow/db';
import { QUEUES } from '../../queue/queues';

export type RunJobData = { runId: string };

/**
 * Enqueues the job that advances a run, inside the caller's transaction, and returns its
 * id for `workflow_runs.job_id` (given, when the run row was written first). A job whose
 * id is no longer the run's stands down.
 *
 * @example
 * const jobId = await enqueueRunJob(tx, boss, runId, { at: new Date(Date.now() + 120_000) });
 */
export async function enqueueRunJob(tx: Transaction, boss: PgBoss, runId: string, options: { at?: Date; id?: string } = {}): Promise<string> {
  const { at, id = randomUUID() } = options;
  await enqueueRunJobs(tx, boss, [{ runId, id, at }]);
  return id;
}

/**
 * Enqueues the jobs of many runs in one statement (none is a no-op), each with the id
 * already written to its run.
 *
 * @example
 * await enqueueRunJobs(tx, boss, [{ runId, id: jobId }]);
 */
export async function enqueueRunJobs(tx: Transaction, boss: PgBoss, jobs: ReadonlyArray<{ runId: string; id: string; at?: Date }>): Promise<void> {
  if (jobs.length === 0) return;
  await boss.insert(
    QUEUES.workflowRun,
    jobs.map(({ runId, id, at }) => ({ id, data: { runId } satisfies RunJobData, ...(at ? { startAfter: at } : {}) })),
    { db: fromDrizzle(tx, sql) },
  );
}
