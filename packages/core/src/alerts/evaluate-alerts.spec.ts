import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  accountMetricSnapshots,
  alertIncidents,
  notifications,
  outboundEmails,
  posts,
  workflowRuns,
  workflows,
  workflowVersions,
  xAccounts,
} from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { RateLimitLedger, userScope } from '@tweetflow/x';
import { seedAccount, seedFollowers, seedPost, seedWorkspace } from '../analytics/test-data';
import { startJobQueue } from '../queue/job-queue';
import { QUEUES } from '../queue/queues';
import type { AlertDeps } from './alert-deps';
import { alertRuleInputSchema, createAlertRule, snoozeAlertRule, type AlertRuleInput } from './alert-rules';
import type { AlertWebhookJobData } from './deliver-alert';
import { evaluateAlerts } from './evaluate-alerts';
import { postAlertWebhook } from './post-alert-webhook';

let database: TestDatabase;
let boss: PgBoss;
let webhook: Server;
let webhookUrl: string;
const received: { text: string }[] = [];
let now = new Date('2026-03-10T12:00:00Z');
let deps: AlertDeps;
let workspaceId: string;
let userId: string;
let accountId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  boss = await startJobQueue(database.url, { role: 'web', logger: pino({ level: 'silent' }) });
  webhook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push(JSON.parse(body) as { text: string });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
  deps = { boss, clock: { now: () => now }, smtpUrl: undefined, from: 'TweetFlow <alerts@test>', publicUrl: 'http://tweetflow.test' };
});
afterAll(async () => {
  await boss.stop({ graceful: false });
  webhook.close();
  await database.close();
});

beforeEach(async () => {
  ({ workspaceId, userId } = await seedWorkspace(database.db));
  accountId = await seedAccount(database.db, workspaceId, `acct${Math.floor(Math.random() * 1e6)}`);
  received.length = 0;
});

async function rule(input: Partial<AlertRuleInput> & Pick<AlertRuleInput, 'kind'>) {
  return createAlertRule(database.db, now, { workspaceId, userId, rule: alertRuleInputSchema.parse({ email: true, webhookUrl, ...input }) });
}

function later(ms: number): Date {
  now = new Date(now.getTime() + ms);
  return now;
}

/** Evaluates the workspace's rules and sends the webhook jobs that produced, like the worker. */
async function evaluate() {
  const outcome = await evaluateAlerts(database.db, deps, workspaceId);
  for (;;) {
    const jobs = await boss.fetch<AlertWebhookJobData>(QUEUES.deliverAlertWebhook, { batchSize: 20 });
    if (jobs.length === 0) break;
    for (const job of jobs) {
      await postAlertWebhook(job.data.url, job.data.text, ['127.0.0.1']);
      await boss.complete(QUEUES.deliverAlertWebhook, job.id);
    }
  }
  return outcome;
}

async function delivered() {
  const inApp = await database.db.select().from(notifications).where(eq(notifications.workspaceId, workspaceId));
  const emails = await database.db.select().from(outboundEmails).where(eq(outboundEmails.workspaceId, workspaceId));
  return { inApp: inApp.length, emails: emails.length, webhooks: received.length };
}

async function incidents(ruleId: string) {
  return database.db.select().from(alertIncidents).where(eq(alertIncidents.ruleId, ruleId)).orderBy(alertIncidents.firstSeenAt);
}

async function failPost(reason: string) {
  await database.db.insert(posts).values({ workspaceId, xAccountId: accountId, status: 'failed', statusReason: reason, updatedAt: later(1000) });
}

describe('alert rules', () => {
  it('publish failures: one alert per account and reason, counted, over once the account publishes again', async () => {
    const { id } = await rule({ kind: 'publish_failed' });
    await failPost('X rejected the post: duplicate content.');
    await failPost('X rejected the post: duplicate content.');
    later(1000);
    expect(await evaluate()).toMatchObject({ opened: 1 });
    expect(await delivered()).toEqual({ inApp: 1, emails: 1, webhooks: 1 });
    expect(received[0]!.text).toContain('2 posts could not be published: X rejected the post: duplicate content.');

    await failPost('X rejected the post: duplicate content.');
    later(1000);
    expect(await evaluate()).toMatchObject({ opened: 0, repeated: 1 });
    later(1000);
    await evaluate();
    expect(await delivered()).toEqual({ inApp: 1, emails: 1, webhooks: 1 });
    expect((await incidents(id)).map((incident) => incident.count)).toEqual([3]);

    await database.db.insert(posts).values({ workspaceId, xAccountId: accountId, status: 'published', publishedAt: later(1000) });
    later(1000);
    expect(await evaluate()).toMatchObject({ resolved: 1 });
    await failPost('X rejected the post: duplicate content.');
    later(1000);
    await evaluate();
    expect((await incidents(id)).map((incident) => [incident.count, incident.resolvedAt !== null])).toEqual([
      [3, true],
      [1, false],
    ]);
    expect(await delivered()).toEqual({ inApp: 2, emails: 2, webhooks: 2 });
  });

  it('accounts needing reconnection: one alert while the account stays broken, a new one if it breaks again', async () => {
    const { id } = await rule({ kind: 'account_needs_reauth', email: false });
    await database.db.update(xAccounts).set({ status: 'needs_reauth', statusReason: 'X refused the refresh token.' }).where(eq(xAccounts.id, accountId));
    for (let check = 0; check < 3; check++) {
      later(30_000);
      await evaluate();
    }
    expect(await delivered()).toEqual({ inApp: 1, emails: 0, webhooks: 1 });
    await database.db.update(xAccounts).set({ status: 'active' }).where(eq(xAccounts.id, accountId));
    later(30_000);
    await evaluate();
    await database.db.update(xAccounts).set({ status: 'revoked' }).where(eq(xAccounts.id, accountId));
    later(30_000);
    await evaluate();
    expect((await incidents(id)).map((incident) => incident.resolvedAt !== null)).toEqual([true, false]);
    expect(await delivered()).toMatchObject({ inApp: 2 });
  });

  it('rate-limit budget: one alert for windows used past the threshold, each further window counted', async () => {
    const { id } = await rule({ kind: 'rate_limit_budget', threshold: 80 });
    const [account] = await database.db.select({ xUserId: xAccounts.xUserId }).from(xAccounts).where(eq(xAccounts.id, accountId));
    const ledger = new RateLimitLedger(database.db);
    const windowAt = (start: Date) => Math.floor(start.getTime() / 1000) + 15 * 60;
    await ledger.record(userScope(account!.xUserId), 'POST /2/tweets', { limit: 100, remaining: 70, reset: windowAt(now) });
    later(1000);
    await evaluate();
    expect(await incidents(id)).toHaveLength(0);

    await ledger.record(userScope(account!.xUserId), 'POST /2/tweets', { limit: 100, remaining: 15, reset: windowAt(now) });
    later(1000);
    await evaluate();
    later(1000);
    await evaluate();
    await ledger.record(userScope(account!.xUserId), 'POST /2/tweets', { limit: 100, remaining: 5, reset: windowAt(later(15 * 60_000)) });
    later(1000);
    await evaluate();
    expect((await incidents(id)).map((incident) => incident.count)).toEqual([2]);
    expect(await delivered()).toEqual({ inApp: 1, emails: 1, webhooks: 1 });
    expect(received[0]!.text).toContain('used 85% of its POST /2/tweets budget');
  });

  it('follower drop: alerts when the latest reading falls past the threshold, resolves when it recovers', async () => {
    const { id } = await rule({ kind: 'follower_drop', threshold: 5 });
    await seedFollowers(database.db, accountId, [
      ['2026-03-08T12:00:00Z', 1000],
      ['2026-03-09T12:00:00Z', 980],
    ]);
    later(1000);
    await evaluate();
    expect(await incidents(id)).toHaveLength(0);
    await database.db.insert(accountMetricSnapshots).values({ xAccountId: accountId, capturedAt: later(1000), followers: 900, following: 1, posts: 1 });
    later(1000);
    await evaluate();
    await evaluate();
    expect(await delivered()).toMatchObject({ inApp: 1 });
    expect(received[0]!.text).toContain('lost 80 followers');
    await database.db.insert(accountMetricSnapshots).values({ xAccountId: accountId, capturedAt: later(1000), followers: 905, following: 1, posts: 1 });
    later(1000);
    await evaluate();
    expect((await incidents(id)).map((incident) => incident.resolvedAt !== null)).toEqual([true]);
  });

  it('engagement drop: compares the last 7 days with the 7 before, once', async () => {
    const { id } = await rule({ kind: 'engagement_drop', threshold: 30 });
    for (const day of [1, 2, 3]) {
      await seedPost(database.db, workspaceId, accountId, { postedAt: new Date(now.getTime() - (7 + day) * 86_400_000).toISOString(), impressions: 1000, likes: 50 });
      await seedPost(database.db, workspaceId, accountId, { postedAt: new Date(now.getTime() - day * 86_400_000).toISOString(), impressions: 1000, likes: 20 });
    }
    later(1000);
    await evaluate();
    await evaluate();
    const [incident] = await incidents(id);
    expect(incident?.title).toMatch(/engagement rate fell 60%/);
    expect(incident?.body).toContain('2.00% over the last 7 days (3 posts) against 5.00% the week before (3 posts)');
    expect(await delivered()).toMatchObject({ inApp: 1, webhooks: 1 });
  });

  it('workflow failures: one alert per workflow, counted per failed run', async () => {
    const { id } = await rule({ kind: 'workflow_failed' });
    const [workflow] = await database.db.insert(workflows).values({ workspaceId, name: 'Daily digest', webhookTokenHash: `h${Math.random()}`, webhookTokenCiphertext: 'x' }).returning();
    const [version] = await database.db.insert(workflowVersions).values({ workflowId: workflow!.id, version: 1, definition: {} }).returning();
    const failedRun = () => ({ workflowId: workflow!.id, workspaceId, versionId: version!.id, status: 'failed' as const, triggerType: 'manual', error: 'HTTP request answered 500', finishedAt: later(1000) });
    await database.db.insert(workflowRuns).values([failedRun(), failedRun()]);
    later(1000);
    await evaluate();
    await database.db.insert(workflowRuns).values(failedRun());
    later(1000);
    await evaluate();
    expect((await incidents(id)).map((incident) => incident.count)).toEqual([3]);
    expect(await delivered()).toMatchObject({ inApp: 1, webhooks: 1 });
    expect(received[0]!.text).toContain('Workflow “Daily digest” failed');
  });

  it('a snoozed rule records incidents without telling anyone', async () => {
    const { id } = await rule({ kind: 'account_needs_reauth' });
    await snoozeAlertRule(database.db, { workspaceId, ruleId: id, until: new Date(now.getTime() + 3_600_000) });
    await database.db.update(xAccounts).set({ status: 'needs_reauth' }).where(eq(xAccounts.id, accountId));
    later(1000);
    await evaluate();
    expect(await incidents(id)).toMatchObject([{ deliveredAt: null, count: 1 }]);
    expect(await delivered()).toEqual({ inApp: 0, emails: 0, webhooks: 0 });
  });
});
