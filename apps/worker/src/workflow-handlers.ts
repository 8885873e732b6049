import type { JobResult } from 'pg-boss';
import { advanceRun, batchWorkOptions, fireTrigger, QUEUE_OPTIONS, QUEUES, type RunJobData, type Runtime, type TriggerJobData } from '@tweetflow/core';

/**
 * Run jobs are fetched in batches and advanced side by side, each settled on its own;
 * trigger jobs (schedule firings, X polls) likewise. Waiting runs and future triggers are
 * jobs with `startAfter`, so an idle worker only polls two queues, whatever the number of
 * active workflows.
 */
export async function registerWorkflowHandlers(runtime: Runtime): Promise<void> {
  const { boss, db, logger, workflows, config } = runtime;
  const { retryLimit } = QUEUE_OPTIONS[QUEUES.workflowRun];
  const settle = async (id: string, work: () => Promise<unknown>): Promise<JobResult> => {
    try {
      return { id, status: 'completed', output: { outcome: await work() } };
    } catch (error) {
      logger.error({ err: error, jobId: id }, 'workflow job failed');
      return { id, status: 'failed', output: { message: error instanceof Error ? error.message : String(error) } };
    }
  };

  await boss.work<RunJobData>(
    QUEUES.workflowRun,
    { ...batchWorkOptions(config.WORKER_CONCURRENCY), perJobResults: true },
    (jobs) => Promise.all(jobs.map((job) => settle(job.id, () => advanceRun(db, workflows, { id: job.id, runId: job.data.runId, retryCount: job.retryCount, retryLimit })))),
  );
  await boss.work<TriggerJobData>(
    QUEUES.workflowTrigger,
    { batchSize: config.WORKER_CONCURRENCY * 2, pollingIntervalSeconds: 0.5, perJobResults: true },
    (jobs) => Promise.all(jobs.map((job) => settle(job.id, () => fireTrigger(db, workflows, job.data)))),
  );
}
