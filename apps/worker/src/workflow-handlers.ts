import type { JobResult } from 'pg-boss';
import { advanceRunJobs, batchWorkOptions, fireTrigger, QUEUE_OPTIONS, QUEUES, type RunJobData, type Runtime, type TriggerJobData } from '@tweetflow/core';

/**
 * Run jobs (one run each, or a webhook batch's runs) are fetched in batches and all their
 * runs advanced as one (claimed together, advanced side by side, runs that end without
 * reaching outside finished together), each job settled on its own; trigger jobs
 * (schedule firings, X polls) run side by side. Waiting runs and future triggers are jobs
 * with `startAfter`, so an idle worker only polls two queues, whatever the number of
 * active workflows.
 */
export async function registerWorkflowHandlers(runtime: Runtime): Promise<void> {
  const { boss, db, logger, workflows, config } = runtime;
  const { retryLimit } = QUEUE_OPTIONS[QUEUES.workflowRun];
  const settled = (id: string, result: PromiseSettledResult<unknown>): JobResult => {
    if (result.status === 'fulfilled') return { id, status: 'completed', output: { outcome: result.value } };
    const error: unknown = result.reason;
    logger.error({ err: error, jobId: id }, 'workflow job failed');
    return { id, status: 'failed', output: { message: error instanceof Error ? error.message : String(error) } };
  };

  await boss.work<RunJobData>(
    QUEUES.workflowRun,
    { ...batchWorkOptions(config.WORKER_CONCURRENCY), perJobResults: true },
    async (jobs) => {
      const results = await advanceRunJobs(db, workflows, jobs, retryLimit);
      return jobs.map((job, index) => settled(job.id, results[index]!));
    },
  );
  await boss.work<TriggerJobData>(
    QUEUES.workflowTrigger,
    // Schedule firings come due later, so the half-second poll stays while NOTIFY is active.
    { batchSize: config.WORKER_CONCURRENCY * 2, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, perJobResults: true },
    async (jobs) => {
      const results = await Promise.allSettled(jobs.map((job) => fireTrigger(db, workflows, job.data)));
      return jobs.map((job, index) => settled(job.id, results[index]!));
    },
  );
}
