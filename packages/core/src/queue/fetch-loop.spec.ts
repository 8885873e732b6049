import pino from 'pino';
import type { Job, PgBoss } from 'pg-boss';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { startFetchLoop, type BatchUnderWay, type FetchLoop, type FetchLoopOptions } from './fetch-loop';
import { startJobQueue } from './job-queue';

const logger = pino({ level: 'silent' });
const QUEUE = 'fetch-loop-test';
let database: TestDatabase;
let boss: PgBoss;
let loop: FetchLoop | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  boss = await startJobQueue(database.url, { role: 'web', logger });
  await boss.createQueue(QUEUE, { notify: true, retryLimit: 2, retryDelay: 60 });
});
afterEach(async () => {
  await loop?.stop(0);
  loop = undefined;
  await boss.deleteAllJobs(QUEUE);
});
afterAll(async () => {
  await boss.stop({ graceful: false });
  await database.close();
});

type Data = { name: string };
const options: FetchLoopOptions = { batchSize: 4, maxJobsUnderWay: 8, pollIntervalMs: 100, heartbeatSeconds: 10 };
const start = (work: (jobs: Array<Job<Data>>) => BatchUnderWay, overrides: Partial<FetchLoopOptions> = {}, queue = QUEUE) =>
  startFetchLoop<Data>({ boss, sql: database.sql, logger }, queue, { ...options, ...overrides }, work).then((started) => (loop = started));
const send = (name: string) => boss.send(QUEUE, { name }) as Promise<string>;
const stateOf = async (id: string) => (await boss.getJobById(QUEUE, id))?.state;

async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** Work whose jobs end when the test says so, by name. */
function heldWork() {
  const waiting = new Map<string, PromiseWithResolvers<string>>();
  const handed: string[][] = [];
  const work = (jobs: Array<Job<Data>>): BatchUnderWay => {
    handed.push(jobs.map((job) => job.data.name));
    const outcomes = jobs.map((job) => {
      const ends = Promise.withResolvers<string>();
      waiting.set(job.data.name, ends);
      return ends.promise;
    });
    return { outcomes, batchWritten: Promise.resolve() };
  };
  const end = (name: string, error?: Error) => (error ? waiting.get(name)!.reject(error) : waiting.get(name)!.resolve(name));
  return { work, handed, end, isHanded: (name: string) => handed.flat().includes(name) };
}

describe('the fetch loop', () => {
  it('completes the jobs whose work succeeded and fails the one whose work threw, so it is retried', async () => {
    const ids = await Promise.all(['a', 'b', 'c'].map(send));
    await start((jobs) => {
      const outcomes = jobs.map((job) => (job.data.name === 'b' ? Promise.reject(new Error('b broke')) : Promise.resolve(job.data.name)));
      return { outcomes, batchWritten: Promise.resolve() };
    });

    const states = await eventually(() => Promise.all(ids.map(stateOf)), ['completed', 'retry', 'completed']);

    expect(states).toEqual(['completed', 'retry', 'completed']);
    expect((await boss.getJobById(QUEUE, ids[1]!))?.output).toMatchObject({ message: 'b broke' });
  });

  it('fetches the next batch while a job of the last one is still under way, and settles that job when it ends', async () => {
    const held = heldWork();
    const slow = await send('slow');
    await start(held.work);
    await eventually(async () => held.isHanded('slow'), true);

    const quick = await send('quick');
    await eventually(async () => held.isHanded('quick'), true);
    held.end('quick');

    expect(await eventually(() => stateOf(quick), 'completed')).toBe('completed');
    expect(await stateOf(slow)).toBe('active');
    held.end('slow');
    expect(await eventually(() => stateOf(slow), 'completed')).toBe('completed');
    expect(held.handed).toEqual([['slow'], ['quick']]);
  });

  it('fetches no more than it has room for while slow jobs fill it', async () => {
    const held = heldWork();
    for (const name of ['1', '2', '3']) await send(name);
    await start(held.work, { batchSize: 2, maxJobsUnderWay: 2 });
    await eventually(async () => held.handed.flat().length, 2);
    // A poll's worth of time passes with no room: the third job stays where it is.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(held.handed.flat()).toHaveLength(2);

    held.end(held.handed[0]![0]!);

    expect(await eventually(async () => held.handed.flat().length, 3)).toBe(3);
  });

  it("wakes on the queue's NOTIFY long before its next poll", async () => {
    const held = heldWork();
    await start(held.work, { pollIntervalMs: 60_000 });
    // The first fetch happens at once and finds nothing; let the loop go to sleep.
    await new Promise((resolve) => setTimeout(resolve, 300));

    await send('notified');

    expect(await eventually(async () => held.isHanded('notified'), true, 15_000)).toBe(true);
  });

  it('keeps a job that runs past its heartbeat alive, where pg-boss would fail it and start it again', { timeout: 60_000 }, async () => {
    const beating = 'fetch-loop-heartbeat';
    await boss.createQueue(beating, { heartbeatSeconds: 10, retryLimit: 2, retryDelay: 60 });
    // A worker's pg-boss supervises: it fails a job whose heartbeat is 10 s old.
    const supervisor = await startJobQueue(database.url, { role: 'worker', logger });
    try {
      const held = heldWork();
      const long = (await boss.send(beating, { name: 'long' })) as string;
      await start(held.work, { heartbeatSeconds: 10 }, beating);
      await eventually(async () => held.isHanded('long'), true);

      // Two supervise passes past the heartbeat.
      await new Promise((resolve) => setTimeout(resolve, 25_000));

      expect((await boss.getJobById(beating, long))?.state).toBe('active');
      held.end('long');
      expect(await eventually(async () => (await boss.getJobById(beating, long))?.state, 'completed')).toBe('completed');
    } finally {
      await supervisor.stop({ graceful: false });
    }
  });

  it('hands back a job still under way when it stops, so the job is retried', async () => {
    const held = heldWork();
    const stuck = await send('stuck');
    const stopping = await start(held.work);
    await eventually(async () => held.isHanded('stuck'), true);

    await stopping.stop(100);
    loop = undefined;

    expect(await stateOf(stuck)).toBe('retry');
    expect((await boss.getJobById(QUEUE, stuck))?.output).toMatchObject({ message: 'The worker stopped before the job finished.' });
  });
});
