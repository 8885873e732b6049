import { spawn } from 'node:child_process';
import { getPriority } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@tweetflow/config';
import { createLogger, QUEUES } from '@tweetflow/core';
import { sessions, users } from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { startWorker, type RunningWorker } from './worker';

// The production bundle, built by the global setup (test/build-worker.ts).
const WORKER_BUNDLE = path.join(import.meta.dirname, '..', 'dist', 'main.js');
const logger = createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }, 'worker-test');

describe('worker', () => {
  let database: TestDatabase;
  let worker: RunningWorker;

  beforeAll(async () => {
    database = await createTestDatabase();
    worker = await startWorker(parseConfig({ NODE_ENV: 'test', DATABASE_URL: database.url }), {
      databaseUrl: database.url,
      logger,
    });
  });
  afterAll(async () => {
    await worker.stop();
    await database.close();
  });

  it('processes a job end to end through pg-boss: expired sessions are purged, live ones kept', async () => {
    const [user] = await database.db.insert(users).values({ email: 'w@example.com', displayName: 'W' }).returning();
    await database.db.insert(sessions).values([
      { id: 'expired', userId: user!.id, expiresAt: new Date(Date.now() - 60_000) },
      { id: 'live', userId: user!.id, expiresAt: new Date(Date.now() + 60_000) },
    ]);

    const jobId = await worker.runtime.boss.send(QUEUES.purgeExpiredSessions, {});
    const job = await waitFor(async () => {
      const [found] = await worker.runtime.boss.findJobs(QUEUES.purgeExpiredSessions, { id: jobId! });
      return found?.state === 'completed' ? found : undefined;
    });

    expect(job.output).toEqual({ removed: 1 });
    const left = await database.db.select({ id: sessions.id }).from(sessions);
    expect(left.map((row) => row.id)).toEqual(['live']);
  });

  it('creates every queue it works', async () => {
    const queues = await worker.runtime.boss.getQueues();
    expect(queues.map((queue) => queue.name)).toContain(QUEUES.purgeExpiredSessions);
  });
});

describe('worker process', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('starts at the niceness it is given, reports ready, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [WORKER_BUNDLE], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'info', NODE_ENV: 'test', WORKER_NICENESS: '7' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`worker exited early:\n${output}`);
      return output.includes('worker ready') ? true : undefined;
    }, 30_000);
    // It gives way to the web server for CPU: the scheduler sees the niceness asked for.
    expect(getPriority(child.pid!)).toBe(7);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('worker stopped');
  });

  it('refuses a bad configuration with a message naming the variable', async () => {
    const child = spawn(process.execPath, [WORKER_BUNDLE], {
      env: { ...process.env, DATABASE_URL: database.url, WORKER_CONCURRENCY: 'lots' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('WORKER_CONCURRENCY must be a number (got "lots")');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
