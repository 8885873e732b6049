import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { xAccounts } from '@tweetflow/db';
import { APP_SCOPE, RateLimitLedger, userScope } from '@tweetflow/x';
import { forecastPostQuota } from './quota-forecast';
import { planQuota } from './quota-plan';
import { startSchedulingTestbed, type SchedulingTestbed } from './test-support';

const now = new Date('2026-12-01T08:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const limit = { units: 100, windowMinutes: 15 };

describe('planQuota', () => {
  it('counts each thread item as a call, per hour and in total, over the next 24 hours only', () => {
    const plan = planQuota(
      [
        { at: at(10), units: 2 },
        { at: at(50), units: 1 },
        { at: at(61), units: 2 },
        { at: at(-5), units: 7 },
        { at: at(24 * 60), units: 9 },
      ],
      { now, limit },
    );
    expect(plan.totalUnits).toBe(5);
    expect(plan.hours).toHaveLength(24);
    expect(plan.hours.slice(0, 3)).toEqual([
      { start: now, units: 3 },
      { start: at(60), units: 2 },
      { start: at(120), units: 0 },
    ]);
    expect(plan.busiestWindow).toEqual({ start: at(50), end: at(65), units: 3, budget: 100 });
    expect(plan.exceeded).toBeNull();
  });

  it('finds a 15-minute stretch over the limit wherever it starts', () => {
    const plan = planQuota(
      [
        { at: at(1), units: 2 },
        { at: at(14), units: 1 },
        { at: at(20), units: 3 },
      ],
      { now, limit: { units: 3, windowMinutes: 15 } },
    );
    expect(plan.exceeded).toEqual({ start: at(14), end: at(29), units: 4, budget: 3 });
  });

  it('counts calls before the current window resets against what X says is left in it', () => {
    const plan = planQuota([{ at: at(2), units: 2 }], { now, limit, currentWindow: { remaining: 1, resetAt: at(10) } });
    expect(plan.exceeded).toEqual({ start: now, end: at(10), units: 2, budget: 1 });
  });
});

describe('forecastPostQuota', () => {
  let testbed: SchedulingTestbed;
  let ledger: RateLimitLedger;
  beforeAll(async () => {
    testbed = await startSchedulingTestbed({ now });
    ledger = new RateLimitLedger(testbed.database.db);
  });
  afterAll(() => testbed.close());

  async function account(username: string) {
    const accountId = await testbed.addAccount(username, { timezone: 'Europe/Berlin' });
    const [row] = await testbed.database.db.select({ xUserId: xAccounts.xUserId }).from(xAccounts).where(eq(xAccounts.id, accountId));
    return { accountId, xUserId: row!.xUserId };
  }

  it('uses X’s documented limit when the ledger knows none, and warns about nothing within it', async () => {
    const { accountId } = await account('quiet_account');
    await testbed.addPost(accountId, { scheduledAt: at(30), texts: ['One', 'Two', 'Three'] });
    await testbed.addPost(accountId, { scheduledAt: null, texts: ['A draft is not planned'] });
    const forecast = await forecastPostQuota(testbed.database.db, { workspaceId: testbed.workspaceId, accountId, now });
    expect(forecast).toMatchObject({ totalUnits: 3, limit: { units: 100, windowMinutes: 15, source: 'documented' }, exceeds: false, warning: null, appDaily: null });
  });

  it('warns, in the account’s local time, when the post being scheduled would go over the limit X reported', async () => {
    const { accountId, xUserId } = await account('busy_account');
    // A window that has already reset: its limit still tells what X allows per window.
    await ledger.record(userScope(xUserId), 'POST /2/tweets', { limit: 4, remaining: 0, reset: at(-30).getTime() / 1000 });
    await testbed.addPost(accountId, { scheduledAt: at(60), texts: ['Thread 1/', 'Thread 2/', 'Thread 3/'] });

    const before = await forecastPostQuota(testbed.database.db, { workspaceId: testbed.workspaceId, accountId, now });
    expect(before).toMatchObject({ totalUnits: 3, limit: { units: 4, source: 'ledger' }, exceeds: false });

    const withNew = await forecastPostQuota(testbed.database.db, {
      workspaceId: testbed.workspaceId,
      accountId,
      now,
      extra: [{ at: at(70), units: 2 }],
    });
    expect(withNew.exceeds).toBe(true);
    expect(withNew.warning).toBe(
      "@busy_account has 5 posts to X planned between 10:00 and 10:15 (Europe/Berlin), but X allows 4 then; 1 would go out late, when X's limit resets.",
    );
  });

  it('weighs every account’s posts against the app’s daily budget', async () => {
    // A database of its own: the daily budget counts every scheduled post of the installation.
    const installation = await startSchedulingTestbed({ now });
    try {
      const accountId = await installation.addAccount('daily_account', { timezone: 'Europe/Berlin' });
      const otherId = await installation.addAccount('other_daily_account');
      await new RateLimitLedger(installation.database.db).record(APP_SCOPE, 'POST /2/tweets', {
        limit: 17,
        remaining: 2,
        reset: at(6 * 60).getTime() / 1000,
      });
      await installation.addPost(accountId, { scheduledAt: at(120) });
      await installation.addPost(otherId, { scheduledAt: at(180), texts: ['Elsewhere 1/', 'Elsewhere 2/'] });
      await installation.addPost(otherId, { scheduledAt: at(7 * 60), texts: ['After the reset'] });

      const forecast = await forecastPostQuota(installation.database.db, {
        workspaceId: installation.workspaceId,
        accountId,
        now,
        extra: [{ at: at(240), units: 1 }],
      });
      expect(forecast.appDaily).toEqual({ remaining: 2, resetAt: at(6 * 60), plannedUnits: 4 });
      expect(forecast.exceeds).toBe(true);
      expect(forecast.warning).toBe(
        'X allows this TweetFlow app 2 more posts until 2026-12-01 15:00 (Europe/Berlin), across all accounts, and 4 are planned; the rest would go out late.',
      );
    } finally {
      await installation.close();
    }
  });
});
