import type { Executor } from '@tweetflow/db';
import type { WorkflowDeps } from '../workflow-deps';
import { startRuns, type RunOutcome } from './advance-run';
import { runIdsOf, type RunJobData } from './run-jobs';

export type FetchedRunJob = { id: string; data: RunJobData; retryCount: number };

/**
 * The worker's run jobs, as it fetches them: all their runs advanced as one batch
 * (`advanceRuns`), each job's outcomes in the order of its runs. A job fails when one of
 * its runs failed in a way its retries may mend; the retry re-claims only the runs that
 * are still its own, so the others stand down.
 *
 * @example
 * const results = await advanceRunJobs(db, deps, jobs, QUEUE_OPTIONS[QUEUES.workflowRun].retryLimit);
 */
export async function advanceRunJobs(
  db: Executor,
  deps: WorkflowDeps,
  jobs: readonly FetchedRunJob[],
  retryLimit: number,
): Promise<Array<PromiseSettledResult<RunOutcome[]>>> {
  return Promise.allSettled(startRunJobs(db, deps, jobs, { retryLimit, patienceMs: Infinity }).outcomes);
}

/** Run jobs under way: each job's outcomes, and when the batch's own part is written. */
export type RunJobsUnderWay = { outcomes: Array<Promise<RunOutcome[]>>; batchWritten: Promise<void> };

/**
 * `advanceRunJobs` for the worker's fetch loop, which goes on once the batch is written
 * (`startRuns`): a job settles when all of its runs have, so a retry never re-claims a
 * run that is still under way.
 *
 * @example
 * const { outcomes, batchWritten } = startRunJobs(db, deps, jobs, { retryLimit: 5, patienceMs: 100 });
 */
export function startRunJobs(
  db: Executor,
  deps: WorkflowDeps,
  jobs: readonly FetchedRunJob[],
  options: { retryLimit: number; patienceMs: number },
): RunJobsUnderWay {
  const runsOfJobs = jobs.map((job) => runIdsOf(job.data));
  const runs = startRuns(
    db,
    deps,
    jobs.flatMap((job, index) => runsOfJobs[index]!.map((runId) => ({ id: job.id, runId, retryCount: job.retryCount, retryLimit: options.retryLimit }))),
    { patienceMs: options.patienceMs },
  );
  let next = 0;
  const runsOfEachJob = runsOfJobs.map((runIds) => runs.outcomes.slice(next, (next += runIds.length)));
  const outcomes = runsOfEachJob.map(async (ownRuns) => {
    const own = await Promise.allSettled(ownRuns);
    const failed = own.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    return own.map((result) => (result as PromiseFulfilledResult<RunOutcome>).value);
  });
  return { outcomes, batchWritten: runs.batchWritten };
}
