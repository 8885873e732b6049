import { randomUUID } from 'node:crypto';
import type { Db, PgBoss } from 'pg-boss';
import { executeText, type TextStatement, type Transaction } from '@tweetflow/db';
import { QUEUES } from '../../queue/queues';

/**
 * What a run job advances: the runs of one webhook batch share a job (see `insertRuns`);
 * a wait's, a retry's or a resumed run's job carries its one run. Jobs written before runs
 * shared jobs carry `runId`.
 */
export type RunJobData = { runIds: string[] } | { runId: string };

/**
 * Most runs one job advances. A fetch of the worker's batch of jobs then holds at most
 * this many times its batch size in runs, advanced side by side; a job whose run fails
 * unexpectedly is retried whole, and the runs already done stand down.
 */
export const RUNS_PER_JOB = 25;

/**
 * The runs in jobs of at most `RUNS_PER_JOB`, in order, each job with a new id: runs
 * written together share jobs, since every job is three writes of a pg-boss row and its
 * indexes (insert, fetch, completion).
 *
 * @example
 * const jobs = shareJobs(runIds); // [{ id, runIds: runIds.slice(0, 25) }, …]
 */
export function shareJobs(runIds: readonly string[]): Array<{ id: string; runIds: string[] }> {
  const jobs: Array<{ id: string; runIds: string[] }> = [];
  for (let start = 0; start < runIds.length; start += RUNS_PER_JOB) jobs.push({ id: randomUUID(), runIds: runIds.slice(start, start + RUNS_PER_JOB) });
  return jobs;
}

/** Which job each run of `jobs` is in, by run id. */
export function jobOfRun(jobs: ReadonlyArray<{ id: string; runIds: readonly string[] }>): Map<string, string> {
  return new Map(jobs.flatMap((job) => job.runIds.map((runId) => [runId, job.id] as const)));
}

/** The runs a run job advances. */
export function runIdsOf(data: RunJobData): string[] {
  return 'runIds' in data ? data.runIds : [data.runId];
}

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
  await enqueueRunJobs(tx, boss, [{ runIds: [runId], id, at }]);
  return id;
}

/**
 * Enqueues many run jobs in one statement (none is a no-op), each with the id already
 * written to its runs.
 *
 * @example
 * await enqueueRunJobs(tx, boss, [{ runIds, id: jobId }]);
 */
export async function enqueueRunJobs(tx: Transaction, boss: PgBoss, jobs: ReadonlyArray<{ runIds: string[]; id: string; at?: Date }>): Promise<void> {
  for (const statement of await runJobStatements(boss, jobs)) await executeText(tx, statement.text, statement.values);
}

/**
 * The statement that enqueues these run jobs, as pg-boss writes it, for a caller that
 * sends it with others (see `transactInTwoTrips`); none for no jobs. pg-boss hands its
 * finished insert to the `db` it is given and reads no rows back unless asked for ids, so
 * a `db` that keeps the statement instead of running it gets exactly what it would run.
 *
 * @example
 * const statements = await runJobStatements(boss, [{ runIds, id: jobId }]);
 */
export async function runJobStatements(boss: PgBoss, jobs: ReadonlyArray<{ runIds: string[]; id: string; at?: Date }>): Promise<TextStatement[]> {
  if (jobs.length === 0) return [];
  const statements: TextStatement[] = [];
  const keeping: Db = {
    executeSql: (text, values = []) => {
      statements.push({ text, values });
      return Promise.resolve({ rows: [] });
    },
  };
  await boss.insert(
    QUEUES.workflowRun,
    jobs.map(({ runIds, id, at }) => ({ id, data: { runIds } satisfies RunJobData, ...(at ? { startAfter: at } : {}) })),
    { db: keeping },
  );
  return statements;
}
