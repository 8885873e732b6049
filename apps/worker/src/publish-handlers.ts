import type { JobResult, JobWithMetadata } from 'pg-boss';
import {
  publishWorkOptions,
  failAbandonedPublish,
  publishBatch,
  PublishRetryError,
  QUEUE_OPTIONS,
  QUEUES,
  type PublishJobData,
  type Runtime,
} from '@tweetflow/core';

/**
 * Publish jobs are fetched in batches and published together (`publishBatch`: a few
 * statements per batch, X calls side by side); each job still settles on its own, so one
 * post's retry does not retry its neighbours. Polling every half second keeps a post's
 * lateness under a second.
 */
export async function registerPublishHandlers(runtime: Runtime): Promise<void> {
  const { boss, db, logger, publishing, config } = runtime;
  const { retryLimit } = QUEUE_OPTIONS[QUEUES.publishPost];

  await boss.work<PublishJobData>(QUEUES.publishPost, { ...publishWorkOptions(config.WORKER_CONCURRENCY), perJobResults: true }, async (jobs) => {
    const postIdOf = new Map(jobs.map((job) => [job.id, job.data.postId]));
    const settlements = await publishBatch(
      db,
      publishing,
      jobs.map((job) => ({ id: job.id, postId: job.data.postId, retryCount: job.retryCount, retryLimit })),
    );
    return settlements.map((settlement): JobResult => {
      const postId = postIdOf.get(settlement.jobId);
      if ('outcome' in settlement) {
        logger.info({ postId, outcome: settlement.outcome }, 'publish job done');
        return { id: settlement.jobId, status: 'completed', output: { outcome: settlement.outcome } };
      }
      const { error } = settlement;
      if (!(error instanceof PublishRetryError)) logger.error({ err: error, postId }, 'publish job failed unexpectedly');
      return { id: settlement.jobId, status: 'failed', output: { message: error instanceof Error ? error.message : String(error) } };
    });
  });

  await boss.work(QUEUES.publishPostAbandoned, { includeMetadata: true }, async ([job]: JobWithMetadata<PublishJobData>[]) => {
    if (!job?.sourceId) return;
    const failed = await failAbandonedPublish(db, publishing, { postId: job.data.postId, jobId: job.sourceId });
    if (failed) logger.warn({ postId: job.data.postId }, 'publishing abandoned after repeated interruptions');
  });
}
