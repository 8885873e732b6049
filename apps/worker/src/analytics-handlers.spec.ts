import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@tweetflow/config';
import { createLogger, QUEUES } from '@tweetflow/core';
import { alertRuleInputSchema, createAlertRule } from '@tweetflow/core/alerts';
import { users, workspaceMembers, workspaces, xAccounts } from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { startWorker, type RunningWorker } from './worker';

const logger = createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }, 'worker-test');

describe('analytics, reports and alerts in the worker', () => {
  let database: TestDatabase;
  let worker: RunningWorker;

  beforeAll(async () => {
    database = await createTestDatabase();
    worker = await startWorker(parseConfig({ NODE_ENV: 'test', DATABASE_URL: database.url }), { databaseUrl: database.url, logger });
  });
  afterAll(async () => {
    await worker.stop();
    await database.close();
  });

  it('schedules the analytics tick every minute and alert checks every 30 seconds', async () => {
    const schedules = await worker.runtime.boss.getSchedules();
    expect(schedules.filter((schedule) => [QUEUES.analyticsTick, QUEUES.evaluateAlerts].includes(schedule.name as never)).map(({ name, cron }) => ({ name, cron }))).toEqual(
      expect.arrayContaining([
        { name: QUEUES.analyticsTick, cron: '* * * * *' },
        { name: QUEUES.evaluateAlerts, cron: '*/30 * * * * *' },
      ]),
    );
  });

  it('delivers an alert in the app within a minute of an account needing reconnection', { timeout: 90_000 }, async () => {
    const { db } = database;
    const [user] = await db.insert(users).values({ email: 'owner@example.com', displayName: 'Owner' }).returning();
    const [workspace] = await db.insert(workspaces).values({ name: 'Alerts' }).returning();
    await db.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId: user!.id, role: 'owner' });
    await createAlertRule(db, new Date(), { workspaceId: workspace!.id, userId: user!.id, rule: alertRuleInputSchema.parse({ kind: 'account_needs_reauth' }) });
    await db.insert(xAccounts).values({
      workspaceId: workspace!.id,
      xUserId: '42',
      username: 'broken',
      displayName: 'Broken',
      accessTokenCiphertext: 'test:unused',
      accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
      status: 'needs_reauth',
    });
    const deadline = Date.now() + 80_000;
    let delivered: { kind: string; title: string }[] = [];
    while (delivered.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      delivered = await database.sql<{ kind: string; title: string }[]>`select kind, title from notifications where user_id = ${user!.id}`;
    }
    expect(delivered).toMatchObject([{ kind: 'alert.account_needs_reauth', title: '@broken needs reconnecting' }]);
  });
});
