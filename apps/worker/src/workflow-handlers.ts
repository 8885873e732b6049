import type { JobResult } from 'pg-boss';
import {
  fireTrigger,
  QUEUE_OPTIONS,
  QUEUES,
  RUN_BATCH_PATIENCE_MS,
  runLoopOptions,
  startFetchLoop,
  startRunJobs,
  type FetchLoop,
  type RunJobData,
  type Runtime,
  type TriggerJobData,
} from '@tweetflow/core';

/**
 * Run jobs (one run each, or a webhook batch's runs) are fetched a batch at a time and all
 * their runs advanced as one (claimed together, advanced side by side, runs that end
 * without reaching outside finished together); the loop fetches again once the batch is
 * written, leaving runs still waiting on slow calls to settle their jobs on their own.
 * Trigger jobs (schedule firings, X polls) run side by side. Waiting runs and future
 * triggers are jobs with `startAfter`, so an idle worker only polls two queues, whatever
 * the number of active workflows. Returns the run loop, which the worker stops first.
 */
export async function registerWorkflowHandlers(runtime: Runtime): Promise<FetchLoop> {
  const { boss, db, logger, workflows, config } = runtime;
  const { retryLimit } = QUEUE_OPTIONS[QUEUES.workflowRun];

  const runLoop = await startFetchLoop<RunJobData>(runtime, QUEUES.workflowRun, runLoopOptions(config.WORKER_CONCURRENCY), (jobs) =>
    startRunJobs(db, workflows, jobs, { retryLimit, patienceMs: RUN_BATCH_PATIENCE_MS }),
  );
  await boss.work<TriggerJobData>(
    QUEUES.workflowTrigger,
    // Schedule firings come due later, so the half-second poll stays while NOTIFY is active.
    { batchSize: config.WORKER_CONCURRENCY * 2, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, perJobResults: true },
    async (jobs) => {
      const results = await Promise.allSettled(jobs.map((job) => fireTrigger(db, workflows, job.data)));
      return jobs.map((job, index): JobResult => {
        const result = results[index]!;
        if (result.status === 'fulfilled') return { id: job.id, status: 'completed', output: { outcome: result.value } };
        const error: unknown = result.reason;
        logger.error({ err: error, jobId: job.id }, 'workflow trigger failed');
        return { id: job.id, status: 'failed', output: { message: error instanceof Error ? error.message : String(error) } };
      });
    },
  );
  return runLoop;
}
