import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundEmails, users } from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { seedAccount, seedFollowers, seedPost, seedWorkspace } from '../analytics/test-data';
import { deliverEmail } from '../email/deliver-email';
import type { EmailJobData } from '../email/outbox';
import { startJobQueue } from '../queue/job-queue';
import { QUEUES } from '../queue/queues';
import { generateReport, type ReportDeps } from './generate-report';
import { syncReportSchedules } from './report-schedules';
import { saveReportSettings } from './report-settings';

type Received = { from: string; to: string[]; raw: string };

let database: TestDatabase;
let boss: PgBoss;
let smtp: SMTPServer;
const inbox: Received[] = [];
let deps: ReportDeps;
let workspaceId: string;
let ownerEmail: string;

// Monday 9 March 2026, 08:00 in Berlin: the weekly report covers 2–8 March.
const NOW = new Date('2026-03-09T07:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  boss = await startJobQueue(database.url, { role: 'web', logger: pino({ level: 'silent' }) });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        inbox.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  deps = { boss, clock: { now: () => NOW }, smtpUrl: `smtp://127.0.0.1:${port}`, from: 'TweetFlow <reports@tweetflow.test>', publicUrl: 'http://tweetflow.test' };

  const seeded = await seedWorkspace(database.db, 'Europe/Berlin');
  workspaceId = seeded.workspaceId;
  [{ email: ownerEmail }] = (await database.db.select({ email: users.email }).from(users).where(eq(users.id, seeded.userId))) as [{ email: string }];
  const account = await seedAccount(database.db, workspaceId, 'ada', 'Europe/Berlin');
  await seedPost(database.db, workspaceId, account, { postedAt: '2026-03-03T09:00:00Z', text: 'Big launch', impressions: 1000, likes: 30, reposts: 5, replies: 4, quotes: 1, bookmarks: 10 });
  await seedPost(database.db, workspaceId, account, { postedAt: '2026-03-05T12:00:00Z', text: 'Follow-up', impressions: 400, likes: 8, replies: 2 });
  // Sunday 8 March 23:30 in Berlin is still in the week; Monday 00:30 is not.
  await seedPost(database.db, workspaceId, account, { postedAt: '2026-03-08T22:30:00Z', text: 'Late Sunday', impressions: 0 });
  await seedPost(database.db, workspaceId, account, { postedAt: '2026-03-08T23:30:00Z', text: 'Monday already', impressions: 5000, likes: 500 });
  await seedPost(database.db, workspaceId, account, { postedAt: '2026-02-25T09:00:00Z', text: 'Week before', impressions: 500, likes: 20, reposts: 5 });
  await seedFollowers(database.db, account, [
    ['2026-03-01T12:00:00Z', 1_200],
    ['2026-03-08T12:00:00Z', 1_260],
  ]);
});
afterAll(async () => {
  await boss.stop({ graceful: false });
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.close();
});

/** Quoted-printable soft line breaks and escapes undone, so assertions read the text as sent. */
function decoded(raw: string): string {
  const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

async function sendQueuedEmails(): Promise<void> {
  for (;;) {
    const jobs = await boss.fetch<EmailJobData>(QUEUES.sendEmail, { batchSize: 10 });
    if (jobs.length === 0) return;
    for (const job of jobs) {
      await deliverEmail(database.db, deps, job.data.emailId);
      await boss.complete(QUEUES.sendEmail, job.id);
    }
  }
}

describe('reports', () => {
  it('builds the weekly report of the week that ended in the workspace’s timezone and emails it with the right figures', async () => {
    const report = await generateReport(database.db, deps, { workspaceId, kind: 'weekly' });
    expect(report).toMatchObject({ label: 'Week of 2 March 2026', timezone: 'Europe/Berlin', periodStart: new Date('2026-03-01T23:00:00Z') });
    expect(report!.figures).toMatchObject({ current: { posts: 3, impressions: 1400, engagements: 60, followers: 1260, followerGrowth: 60 } });

    await sendQueuedEmails();
    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    expect(mail!.to).toEqual([ownerEmail]);
    expect(mail!.from).toBe('reports@tweetflow.test');
    const body = decoded(mail!.raw);
    expect(body).toContain('Subject: Weekly report for Numbers Inc.: Week of 2 March 2026');
    expect(body).toContain('Posts published: 3 (+200% vs previous period)');
    expect(body).toContain('Impressions: 1,400 (+180% vs previous period)');
    expect(body).toContain('Engagement rate: 4.29% (−14% vs previous period)');
    expect(body).toContain('Followers: 1,260 (+60)');
    expect(body).toContain('1. @ada: “Big launch” — 5.00% of 1,000 impressions');
    expect(body).toContain(`http://tweetflow.test/app/analytics/reports/${report!.id}`);
    const [stored] = await database.db.select().from(outboundEmails).where(eq(outboundEmails.workspaceId, workspaceId));
    expect(stored).toMatchObject({ status: 'sent', kind: 'report.weekly' });
  });

  it('makes one report per period: a retried job neither duplicates it nor emails again', async () => {
    const first = await generateReport(database.db, deps, { workspaceId, kind: 'weekly' });
    const again = await generateReport(database.db, deps, { workspaceId, kind: 'weekly' });
    expect(again!.id).toBe(first!.id);
    await sendQueuedEmails();
    expect(inbox).toHaveLength(1);
  });

  it('keeps an email in the outbox, unsent, when no SMTP server is configured', async () => {
    await generateReport(database.db, { ...deps, smtpUrl: undefined }, { workspaceId, kind: 'daily' });
    const emails = await database.db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'report.daily'));
    expect(emails).toMatchObject([{ status: 'stored', subject: 'Daily report for Numbers Inc.: Sunday, 8 March 2026' }]);
    expect(await boss.fetch(QUEUES.sendEmail)).toEqual([]);
  });

  it('schedules reports with pg-boss in the workspace’s timezone at the chosen hour', async () => {
    await saveReportSettings(database.db, NOW, workspaceId, { daily: true, weekly: true, sendHour: 9, email: true });
    expect(await syncReportSchedules(database.db, boss)).toBe(2);
    const schedules = await boss.getSchedules(QUEUES.sendReport);
    expect(schedules.map(({ key, cron, timezone }) => ({ key, cron, timezone })).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: `${workspaceId}.daily`, cron: '0 9 * * *', timezone: 'Europe/Berlin' },
      { key: `${workspaceId}.weekly`, cron: '0 9 * * 1', timezone: 'Europe/Berlin' },
    ]);
    await saveReportSettings(database.db, NOW, workspaceId, { daily: false, weekly: true, sendHour: 9, email: true });
    expect(await syncReportSchedules(database.db, boss)).toBe(1);
    expect((await boss.getSchedules(QUEUES.sendReport)).map((schedule) => schedule.key)).toEqual([`${workspaceId}.weekly`]);
  });
});
