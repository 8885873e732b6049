import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { PgBoss } from 'pg-boss';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { startJobQueue } from './job-queue';
import { QUEUE_OPTIONS, QUEUES } from './queues';

const logger = pino({ level: 'silent' });
let database: TestDatabase;
const started: PgBoss[] = [];
const start = async (role: 'web' | 'worker') => {
  const boss = await startJobQueue(database.url, { role, logger });
  started.push(boss);
  return boss;
};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const boss of started) await boss.stop({ graceful: false });
  await database.close();
});

describe('the job queue', () => {
  it("brings a queue created with older options to today's options at start", async () => {
    const first = await start('web');
    // As an installation from before `notify` and with an older retry policy would have it.
    await first.updateQueue(QUEUES.workflowRun, { notify: false, retryLimit: 1 });
    expect(await first.getQueue(QUEUES.workflowRun)).toMatchObject({ notify: false, retryLimit: 1 });

    await start('web');

    const queue = await first.getQueue(QUEUES.workflowRun);
    expect(queue).toMatchObject({ notify: true, retryLimit: QUEUE_OPTIONS[QUEUES.workflowRun].retryLimit, policy: 'standard' });
  });

  it("wakes the worker by NOTIFY when the web process writes a runnable job, long before the worker's next poll", async () => {
    const web = await start('web');
    const worker = await start('worker');
    const handled = Promise.withResolvers<string>();
    // Polls a minute apart: only the NOTIFY can bring the job in within the test's time.
    await worker.work<{ runId: string }>(QUEUES.workflowRun, { pollingIntervalSeconds: 60, notifyPollingIntervalSeconds: 60 }, async ([job]) => {
      handled.resolve(job!.data.runId);
    });
    // The worker's first fetch happens at once and finds nothing; let it go to sleep.
    await new Promise((resolve) => setTimeout(resolve, 500));

    await web.send(QUEUES.workflowRun, { runId: 'run-1' });

    const outcome = await Promise.race([handled.promise, new Promise((resolve) => setTimeout(() => resolve('still waiting after 15 s'), 15_000))]);
    expect(outcome).toBe('run-1');
  }, 30_000);
});
