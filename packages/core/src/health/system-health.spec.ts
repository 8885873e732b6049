import type { PgBoss } from 'pg-boss';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { RateLimitLedger, userScope } from '@tweetflow/x';
import { seedAccount, seedWorkspace } from '../analytics/test-data';
import { startJobQueue } from '../queue/job-queue';
import { QUEUES } from '../queue/queues';
import { prometheusMetrics } from './prometheus-metrics';
import { systemHealth } from './system-health';

let database: TestDatabase;
let boss: PgBoss;

beforeAll(async () => {
  database = await createTestDatabase();
  boss = await startJobQueue(database.url, { role: 'worker', logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await boss.stop({ graceful: false });
  await database.close();
});

describe('system health', () => {
  it('reports queue depths, worker heartbeats, the rate-limit ledger and the database size, also as Prometheus metrics', async () => {
    const { workspaceId } = await seedWorkspace(database.db);
    await seedAccount(database.db, workspaceId, 'ada');
    const [xUserId] = (await database.sql`select x_user_id from x_accounts limit 1`).map((row) => row.x_user_id as string);
    await new RateLimitLedger(database.db).record(userScope(xUserId!), 'POST /2/tweets', { limit: 100, remaining: 37, reset: Math.floor(Date.now() / 1000) + 600 });
    for (let job = 0; job < 3; job++) await boss.send(QUEUES.collectAccountMetrics, { accountId: `a${job}` }, { singletonKey: `a${job}` });
    await boss.send(QUEUES.sendEmail, { emailId: 'later' }, { startAfter: 3600 });
    // Queue counts come from pg-boss's monitor pass (every 10 s in the worker); run one now.
    await boss.supervise();

    const health = await systemHealth(database.db, boss, new Date());
    const accountQueue = health.queues.find((queue) => queue.name === QUEUES.collectAccountMetrics);
    expect(accountQueue).toMatchObject({ ready: 3, active: 0 });
    expect(health.queues.find((queue) => queue.name === QUEUES.sendEmail)).toMatchObject({ deferred: 1, ready: 0 });
    // pg-boss's own queue for its schedules' sends exists (it is made at start) but is not one an administrator can act on.
    expect((await boss.getQueues()).map((queue) => queue.name)).toContain('__pgboss__send-it');
    expect(health.queues.map((queue) => queue.name).filter((name) => name.startsWith('__pgboss__'))).toEqual([]);
    expect(health.workers.some((worker) => worker.live)).toBe(true);
    expect(health.ledger).toEqual([expect.objectContaining({ account: '@ada', endpoint: 'POST /2/tweets', limit: 100, remaining: 37 })]);
    expect(health.database.sizeBytes).toBeGreaterThan(1_000_000);

    const elsewhere = await seedWorkspace(database.db);
    expect((await systemHealth(database.db, boss, new Date(), { workspaceId: elsewhere.workspaceId })).ledger).toEqual([]);
    expect((await systemHealth(database.db, boss, new Date(), { workspaceId })).ledger).toHaveLength(1);

    const { body, contentType } = await prometheusMetrics(health);
    expect(contentType).toContain('text/plain');
    expect(body).toContain(`tweetflow_queue_jobs{queue="${QUEUES.collectAccountMetrics}",state="ready"} 3`);
    expect(body).toContain(`tweetflow_rate_limit_remaining{scope="user:${xUserId}",endpoint="POST /2/tweets"} 37`);
    expect(body).toMatch(/tweetflow_worker_up\{instance="[^"]+",name="[^"]*",host="[^"]+"\} 1/);
    expect(body).toMatch(/tweetflow_database_size_bytes \d{7,}/);
  });
});
