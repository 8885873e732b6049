import { eq } from 'drizzle-orm';
import { competitorPosts, competitors, competitorSnapshots } from '@tweetflow/db';
import { fixedClock } from '@tweetflow/x-sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyticsRange } from '../reporting/analytics-range';
import { startAnalyticsTestbed, type AnalyticsTestbed } from '../testing';
import { compareCompetitors } from './compare-competitors';
import { addCompetitor } from './manage-competitors';

const START = Date.parse('2026-03-02T09:00:00Z');
let testbed: AnalyticsTestbed;

beforeEach(async () => {
  testbed = await startAnalyticsTestbed({ clock: fixedClock(START) }, { competitorDailyCalls: 4 });
  await testbed.connect('ada');
  for (const username of ['rival', 'other', 'fan']) testbed.sandbox.admin.createUser({ username });
  testbed.sandbox.admin.follow('fan', 'rival');
  testbed.sandbox.admin.post('rival', { text: 'Rival news' });
  testbed.advance(6 * 60 * 60_000);
});
afterEach(() => testbed.close());

describe('competitor tracking', () => {
  it('reads a competitor’s public figures and posts within the fixed daily budget, and says when it is used up', async () => {
    const rival = await addCompetitor(testbed.database.db, testbed.analytics, { workspaceId: testbed.workspaceId, username: '@Rival' });
    expect(rival).toMatchObject({ username: 'rival' });
    await expect(addCompetitor(testbed.database.db, testbed.analytics, { workspaceId: testbed.workspaceId, username: 'rival' })).rejects.toThrow('@rival is already tracked');
    await expect(addCompetitor(testbed.database.db, testbed.analytics, { workspaceId: testbed.workspaceId, username: 'nobody_here' })).rejects.toThrow('X has no account @nobody_here.');
    // Three lookups used 3 of today's 4 calls: the 2-call read waits for tomorrow's budget.
    expect((await testbed.tick()).competitors).toEqual([{ collected: false, reason: "Today's competitor budget (4 calls to X) is used up; the next read is tomorrow." }]);

    testbed.advance(24 * 60 * 60_000);
    const report = await testbed.tick();
    expect(report.competitors).toEqual([{ collected: true, reason: null }]);
    const [snapshot] = await testbed.database.db.select().from(competitorSnapshots).where(eq(competitorSnapshots.competitorId, rival.id));
    expect(snapshot).toMatchObject({ followers: 1, posts: 1 });
    const [post] = await testbed.database.db.select().from(competitorPosts).where(eq(competitorPosts.competitorId, rival.id));
    expect(post).toMatchObject({ text: 'Rival news' });
    expect(post!.impressions).toBeGreaterThan(0);

    const comparison = await compareCompetitors(testbed.database.db, {
      workspaceId: testbed.workspaceId,
      range: analyticsRange('2026-03-01', '2026-03-03', 'UTC'),
      now: new Date(testbed.sandbox.clock.now()),
      dailyCalls: 4,
    });
    expect(comparison.budget).toEqual({ used: 2, limit: 4, callsPerCompetitorPerDay: 2, plannedPerDay: 2 });
    expect(comparison.rows.map((row) => [row.kind, row.username, row.posts])).toEqual([
      ['own', 'ada', 0],
      ['competitor', 'rival', 1],
    ]);
    expect(comparison.rows[1]!.engagementRate).toBe(post!.engagements / post!.impressions);
  });

  it('postpones a read to the next day when the budget is spent', async () => {
    const rival = await addCompetitor(testbed.database.db, testbed.analytics, { workspaceId: testbed.workspaceId, username: 'rival' });
    await addCompetitor(testbed.database.db, testbed.analytics, { workspaceId: testbed.workspaceId, username: 'other' });
    // 2 lookups used; the first read takes the last 2 calls, the second finds none left and takes none.
    const report = await testbed.tick();
    expect(report.competitors.map((outcome) => outcome.collected).sort()).toEqual([false, true]);
    const rows = await testbed.database.db.select().from(competitors).where(eq(competitors.workspaceId, testbed.workspaceId));
    const postponed = rows.find((row) => row.lastError !== null)!;
    expect(postponed.lastError).toBe("Today's competitor budget (4 calls to X) is used up; the next read is tomorrow.");
    expect(postponed.nextCollectAt).toEqual(new Date('2026-03-03T00:00:00Z'));
    expect(rows.map((row) => row.id)).toContain(rival.id);
    // Only the read that fitted in the budget went to X.
    expect(testbed.requests('GET /2/users/:id')).toBe(1);
  });
});
