import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import type { AdminPostView, startSandbox } from '@tweetflow/x-sandbox';
import { MediaStore } from '../media/media-store';
import { storeMedia } from '../media/store-media';
import { startJobQueue } from '../queue/job-queue';
import { QUEUE_OPTIONS, QUEUES } from '../queue/queues';
import { connectXAccount } from '../x-accounts/connect-x-account';
import { startXAccountTestbed, type XAccountTestbed } from '../x-accounts/test-support';
import { publishBatch } from './publish/batch/publish-batch';
import { PublishRetryError, type PublishJob, type PublishOutcome } from './publish/publish-post';
import type { PublishDeps } from './publish/publish-deps';
import type { PublishJobData } from './publish-jobs';

/** A test's publishing world: database, sandbox, a job queue on the database, and wired services. */
export type PublishingTestbed = XAccountTestbed & {
  boss: PgBoss;
  publishing: PublishDeps;
  /** Connects a new sandbox user as an X account of the workspace; returns the account id. */
  connect(username: string): Promise<string>;
  /** Stores a small PNG for the workspace; returns its media id. */
  uploadImage(name?: string): Promise<string>;
  /**
   * Runs every publish job that is due, like the worker would (but one at a time, in this
   * process), until none is left; retries are run at once instead of after their backoff.
   */
  drainPublishJobs(): Promise<PublishOutcome[]>;
  /** What the sandbox shows for a user, oldest first. */
  postsOf(username: string): AdminPostView[];
};

/** A 1×1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');

/**
 * Starts a publishing testbed.
 *
 * @example
 * const testbed = await startPublishingTestbed();
 * const accountId = await testbed.connect('ada');
 */
export async function startPublishingTestbed(options: Parameters<typeof startSandbox>[0] = {}): Promise<PublishingTestbed> {
  const testbed = await startXAccountTestbed(options);
  const boss = await startJobQueue(testbed.database.url, { role: 'worker', logger: testbed.deps.logger });
  const mediaRoot = await mkdtemp(path.join(tmpdir(), 'tweetflow-media-'));
  const publishing: PublishDeps = {
    boss,
    clock: testbed.deps.clock,
    logger: testbed.deps.logger,
    xAccounts: testbed.deps,
    media: new MediaStore(mediaRoot),
    xRequestTimeoutMs: 1_000,
  };
  const { retryLimit } = QUEUE_OPTIONS[QUEUES.publishPost];
  return {
    ...testbed,
    boss,
    publishing,
    async connect(username) {
      testbed.sandbox.admin.createUser({ username });
      const account = await connectXAccount(testbed.database.db, testbed.deps, {
        workspaceId: testbed.workspaceId,
        userId: testbed.userId,
        tokens: testbed.tokensFor(username),
      });
      return account.id;
    },
    async uploadImage(name = 'pixel.png') {
      const stored = await storeMedia(testbed.database.db, publishing.media, {
        workspaceId: testbed.workspaceId,
        userId: testbed.userId,
        fileName: name,
        mimeType: 'image/png',
        bytes: PNG,
      });
      return stored.id;
    },
    async drainPublishJobs() {
      const outcomes: PublishOutcome[] = [];
      for (;;) {
        const jobs = await boss.fetch<PublishJobData>(QUEUES.publishPost, { batchSize: 50 });
        if (jobs.length === 0) return outcomes;
        // Published as the worker publishes them, in one batch. A retry re-runs the job with
        // a higher retryCount, as pg-boss would after its backoff; the test does not wait.
        let batch: PublishJob[] = jobs.map((job) => ({ id: job.id, postId: job.data.postId, retryCount: job.retryCount, retryLimit }));
        while (batch.length > 0) {
          const retries: PublishJob[] = [];
          for (const settlement of await publishBatch(testbed.database.db, publishing, batch)) {
            if ('outcome' in settlement) {
              outcomes.push(settlement.outcome);
              continue;
            }
            if (!(settlement.error instanceof PublishRetryError)) throw settlement.error;
            outcomes.push('retrying');
            const job = batch.find((candidate) => candidate.id === settlement.jobId)!;
            retries.push({ ...job, retryCount: job.retryCount + 1 });
          }
          batch = retries;
        }
        await boss.complete(QUEUES.publishPost, jobs.map((job) => job.id));
      }
    },
    postsOf: (username) => testbed.sandbox.admin.postsOf(username),
    async close() {
      await boss.stop({ graceful: false, timeout: 1_000 });
      await testbed.close();
      await rm(mediaRoot, { recursive: true, force: true });
    },
  };
}

