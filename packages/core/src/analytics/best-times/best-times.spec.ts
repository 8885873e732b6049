import { Temporal } from 'temporal-polyfill';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedPost, seedWorkspace } from '../test-data';
import { bestTimes } from './best-times';

const NOW = new Date('2026-06-01T12:00:00Z');
const ZONE = 'America/New_York';

let database: TestDatabase;
let workspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ workspaceId } = await seedWorkspace(database.db));
});
afterAll(() => database.close());

/** The instant of a local weekday and hour `weeksAgo` weeks before NOW, in ZONE. */
function localSlot(weeksAgo: number, weekday: number, hour: number): string {
  const today = Temporal.Instant.fromEpochMilliseconds(NOW.getTime()).toZonedDateTimeISO(ZONE).startOfDay();
  const day = today.add({ days: weekday - today.dayOfWeek }).subtract({ weeks: weeksAgo });
  return new Date(day.with({ hour, minute: 17 }).epochMilliseconds).toISOString();
}

describe('best posting times', () => {
  it('ranks the hours the account’s own posts did best at, in its timezone, saying what backs them', async () => {
    const accountId = await seedAccount(database.db, workspaceId, 'nyc', ZONE);
    for (let week = 1; week <= 6; week++) {
      // Tuesdays 09:00 and Thursdays 18:00 New York time do far better than the rest.
      await seedPost(database.db, workspaceId, accountId, { postedAt: localSlot(week, 2, 9), impressions: 1000, likes: 80 });
      await seedPost(database.db, workspaceId, accountId, { postedAt: localSlot(week, 4, 18), impressions: 1000, likes: 70 });
      for (const [weekday, hour] of [[1, 7], [3, 13], [5, 16], [6, 11], [7, 20]] as const) {
        await seedPost(database.db, workspaceId, accountId, { postedAt: localSlot(week, weekday, hour), impressions: 1000, likes: 20 });
      }
    }

    const result = await bestTimes(database.db, { workspaceId, accountId, now: NOW });
    expect(result.timezone).toBe(ZONE);
    expect(result.postsAnalyzed).toBe(42);
    expect(result.averageRate).toBeCloseTo((6 * 80 + 6 * 70 + 30 * 20) / 42_000, 10);
    expect(result.top.slice(0, 2).map(({ weekday, hour, posts, backing }) => ({ weekday, hour, posts, backing }))).toEqual([
      { weekday: 2, hour: 9, posts: 6, backing: 'history' },
      { weekday: 4, hour: 18, posts: 6, backing: 'history' },
    ]);
    expect(result.top[0]!.lift).toBeGreaterThan(0.5);
    expect(result.top[0]!.basis).toBe('Based on 6 posts of yours at this hour (and 0 posts either side).');
    expect(result.heatmap).toHaveLength(168);
  });

  it('falls back on typical activity on X when the account has no history, and says so', async () => {
    const accountId = await seedAccount(database.db, workspaceId, 'newbie', ZONE);
    const result = await bestTimes(database.db, { workspaceId, accountId, now: NOW });
    expect(result.postsAnalyzed).toBe(0);
    expect(result.summary).toMatch(/typical activity on X/);
    expect(result.top).toHaveLength(5);
    for (const slot of result.top) {
      expect(slot.backing).toBe('prior');
      expect(slot.weekday).toBeLessThanOrEqual(5);
      expect(slot.hour).toBeGreaterThanOrEqual(8);
      expect(slot.hour).toBeLessThanOrEqual(19);
    }
  });

  it('does not let one lucky post outrank an hour that is good week after week', async () => {
    const accountId = await seedAccount(database.db, workspaceId, 'steady', ZONE);
    await seedPost(database.db, workspaceId, accountId, { postedAt: localSlot(2, 7, 3), impressions: 100, likes: 30 });
    for (let week = 1; week <= 5; week++) {
      await seedPost(database.db, workspaceId, accountId, { postedAt: localSlot(week, 3, 10), impressions: 1000, likes: 90 });
      await seedPost(database.db, workspaceId, accountId, { postedAt: localSlot(week, 1, 15), impressions: 1000, likes: 20 });
    }
    const [best] = (await bestTimes(database.db, { workspaceId, accountId, now: NOW })).top;
    expect(best).toMatchObject({ weekday: 3, hour: 10 });
  });
});
