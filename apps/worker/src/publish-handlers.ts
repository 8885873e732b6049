import type { JobResult, JobWithMetadata } from 'pg-boss';
import {
  batchWorkOptions,
  failAbandonedPublish,
  publishPost,
  PublishRetryError,
  QUEUE_OPTIONS,
  QUEUES,
  type PublishJobData,
  type Runtime,
} from '@tweetflow/core';

/**
 * Publish jobs are fetched in batches and run side by side (X calls are I/O-bound); each
 * job settles on its own, so one post's retry does not retry its neighbours. Polling every
 * half second keeps a post's lateness under a second.
 */
export async function registerPublishHandlers(runtime: Runtime): Promise<void> {
  const { boss, db, logger, publishing, config } = runtime;
  const { retryLimit } = QUEUE_OPTIONS[QUEUES.publishPost];

  await boss.work<PublishJobData>(
    QUEUES.publishPost,
    { ...batchWorkOptions(config.WORKER_CONCURRENCY), perJobResults: true },
    async (jobs) =>
      Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            const outcome = await publishPost(db, publishing, { id: job.id, postId: job.data.postId, retryCount: job.retryCount, retryLimit });
            logger.info({ postId: job.data.postId, outcome }, 'publish job done');
            return { id: job.id, status: 'completed', output: { outcome } };
          } catch (error) {
            if (!(error instanceof PublishRetryError)) logger.error({ err: error, postId: job.data.postId }, 'publish job failed unexpectedly');
            return { id: job.id, status: 'failed', output: { message: error instanceof Error ? error.message : String(error) } };
          }
        }),
      ),
  );

  await boss.work(QUEUES.publishPostAbandoned, { includeMetadata: true }, async ([job]: JobWithMetadata<PublishJobData>[]) => {
    if (!job?.sourceId) return;
    const failed = await failAbandonedPublish(db, publishing, { postId: job.data.postId, jobId: job.sourceId });
    if (failed) logger.warn({ postId: job.data.postId }, 'publishing abandoned after repeated interruptions');
  });
}
