import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvite, inviteMember } from '@tweetflow/core';
import { trackedPosts, xAccounts } from '@tweetflow/db';
import { ZodError } from 'zod';
import { describeZodIssues } from '../errors';
import { createApiHarness, type ApiHarness, type Person } from '../testing/harness';

let harness: ApiHarness;
let owner: Person;
let viewer: Person;
let accountId: string;

beforeAll(async () => {
  harness = await createApiHarness();
  owner = await harness.signUpPerson('Owner');
  viewer = await harness.signUpPerson('Viewer');
  const { db } = harness.database;
  const invite = await inviteMember(db, harness.deps.clock, { workspaceId: owner.workspaceId, email: (await viewer.api.auth.me()).email!, role: 'viewer', invitedByUserId: owner.userId });
  await acceptInvite(db, harness.deps.clock, { token: invite.token, userId: viewer.userId });
  const [account] = await db
    .insert(xAccounts)
    .values({ workspaceId: owner.workspaceId, xUserId: '77', username: 'ada', displayName: 'Ada', accessTokenCiphertext: 'test:unused', accessTokenExpiresAt: new Date('2030-01-01') })
    .returning();
  accountId = account!.id;
  await db.insert(trackedPosts).values([
    { workspaceId: owner.workspaceId, xAccountId: accountId, xPostId: '1', text: 'Hello', postedAt: new Date('2026-03-03T10:00:00Z'), impressions: 800, likes: 30, reposts: 10, engagements: 40 },
    { workspaceId: owner.workspaceId, xAccountId: accountId, xPostId: '2', text: 'Again', postedAt: new Date('2026-03-05T10:00:00Z'), impressions: 200, likes: 10, engagements: 10 },
  ]);
});
afterAll(() => harness.close());

/** The refusal as a client reads it: code and message (input problems worded as the API sends them). */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TRPCError);
  const { code, message, cause } = error as TRPCError;
  return `${code}: ${cause instanceof ZodError ? `Invalid input: ${describeZodIssues(cause).join('; ')}` : message}`;
}

describe('analytics API', () => {
  it('shows viewers the overview of a range, with the engagement-rate formula', async () => {
    const overview = await viewer.api.analytics.overview({ workspaceId: owner.workspaceId, from: '2026-03-02', to: '2026-03-08' });
    expect(overview.current).toMatchObject({ posts: 2, impressions: 1000, engagements: 50, engagementRate: 0.05 });
    expect(overview.formula).toBe('engagement rate = (likes + reposts + replies + quotes + bookmarks) ÷ impressions');
    const narrower = await viewer.api.analytics.overview({ workspaceId: owner.workspaceId, from: '2026-03-04', to: '2026-03-08' });
    expect(narrower.current).toMatchObject({ posts: 1, impressions: 200 });
  });

  it('answers a bad range with what to fix', async () => {
    expect(await refusal(viewer.api.analytics.overview({ workspaceId: owner.workspaceId, from: '2026-03-08', to: '2026-03-01' }))).toBe(
      'BAD_REQUEST: The range ends (2026-03-01) before it starts (2026-03-08); pick the start first.',
    );
    expect(await refusal(viewer.api.analytics.overview({ workspaceId: owner.workspaceId, from: '8 March', to: '2026-03-01' }))).toBe(
      'BAD_REQUEST: Invalid input: from: must be a date like 2026-03-01',
    );
  });

  it('exports the range as CSV and suggests posting times for an account', async () => {
    const csv = await viewer.api.analytics.exportCsv({ workspaceId: owner.workspaceId, from: '2026-03-02', to: '2026-03-08' });
    expect(csv).toMatchObject({ fileName: 'tweetflow-posts-2026-03-02-to-2026-03-08.csv', rows: 2 });
    expect(csv.csv.split('\r\n')[1]).toContain('@ada,2,Again,200');
    const times = await viewer.api.analytics.bestTimes({ workspaceId: owner.workspaceId, accountId });
    expect(times.top).toHaveLength(5);
    expect(times.heatmap).toHaveLength(168);
  });

  it('lets editors set up alert rules, refusing unusable ones readably, and owners see system health', async () => {
    expect(await refusal(owner.api.alerts.create({ workspaceId: owner.workspaceId, rule: { kind: 'rate_limit_budget', webhookUrl: 'ftp://hooks.example' } as never }))).toBe(
      'BAD_REQUEST: Invalid input: rule.webhookUrl: must be an http(s) URL, e.g. a Slack incoming webhook',
    );
    expect(await refusal(owner.api.alerts.create({ workspaceId: owner.workspaceId, rule: { kind: 'publish_failed', inApp: false } as never }))).toBe(
      'BAD_REQUEST: Choose at least one way to be told: in the app, by email or by webhook.',
    );
    const rule = await owner.api.alerts.create({ workspaceId: owner.workspaceId, rule: { kind: 'follower_drop', threshold: 5 } as never });
    const snoozed = await owner.api.alerts.snooze({ workspaceId: owner.workspaceId, ruleId: rule.id, hours: 2 });
    expect(snoozed.snoozedUntil!.getTime() - Date.now()).toBeGreaterThan(7_000_000);
    expect(await owner.api.alerts.rules({ workspaceId: owner.workspaceId })).toMatchObject([{ kind: 'follower_drop', threshold: 5, openIncidents: 0 }]);
    expect(await refusal(viewer.api.system.health({ workspaceId: owner.workspaceId }))).toMatch(/^FORBIDDEN: This needs the owner role/);
    const health = await owner.api.system.health({ workspaceId: owner.workspaceId });
    expect(health.database.sizeBytes).toBeGreaterThan(0);
  });

  it('builds a report on demand and keeps its email readable in the app without SMTP', async () => {
    const report = await owner.api.reports.runNow({ workspaceId: owner.workspaceId, kind: 'weekly' });
    expect(report?.kind).toBe('weekly');
    const emails = await owner.api.reports.emails({ workspaceId: owner.workspaceId });
    expect(emails).toMatchObject([{ kind: 'report.weekly', status: 'stored' }]);
    expect(emails[0]!.text).toContain('Engagement rate');
    expect(await viewer.api.reports.list({ workspaceId: owner.workspaceId })).toMatchObject([{ id: report!.id }]);
  });
});
