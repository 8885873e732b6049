import type { Executor } from '@tweetflow/db';
import type { WorkflowDeps } from '../workflow-deps';
import { advanceRuns, type RunOutcome } from './advance-run';
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
  const runsOfJobs = jobs.map((job) => runIdsOf(job.data));
  const results = await advanceRuns(
    db,
    deps,
    jobs.flatMap((job, index) => runsOfJobs[index]!.map((runId) => ({ id: job.id, runId, retryCount: job.retryCount, retryLimit }))),
  );
  let next = 0;
  return runsOfJobs.map((runIds) => {
    const own = results.slice(next, (next += runIds.length));
    const failed = own.find((result) => result.status === 'rejected');
    return failed ?? { status: 'fulfilled', value: own.map((result) => (result as PromiseFulfilledResult<RunOutcome>).value) };
  });
}
