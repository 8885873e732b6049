import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedFollowers, seedPost, seedWorkspace } from '../test-data';
import { analyticsOverview } from './analytics-overview';
import { analyticsRange } from './analytics-range';
import { postsCsv } from './posts-csv';

let database: TestDatabase;
let workspaceId: string;
let ada: string;
let bob: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ workspaceId } = await seedWorkspace(database.db));
  ada = await seedAccount(database.db, workspaceId, 'ada');
  bob = await seedAccount(database.db, workspaceId, 'bob');
  const { db } = database;
  // The week of 2 March 2026 (UTC).
  await seedPost(db, workspaceId, ada, { postedAt: '2026-03-02T09:00:00Z', text: 'Launch, "finally", =SUM(A1)', impressions: 1000, likes: 30, reposts: 5, replies: 4, quotes: 1, bookmarks: 10 }, [
    { at: '2026-03-02T10:00:00Z', impressions: 600, likes: 20, reposts: 2, replies: 2, quotes: 1, bookmarks: 5 },
    { at: '2026-03-03T10:00:00Z', impressions: 1000, likes: 30, reposts: 5, replies: 4, quotes: 1, bookmarks: 10 },
  ]);
  await seedPost(db, workspaceId, ada, { postedAt: '2026-03-04T12:00:00Z', impressions: 400, likes: 8, replies: 2 });
  await seedPost(db, workspaceId, bob, { postedAt: '2026-03-06T18:00:00Z', impressions: 0 });
  // The week before, for the comparison.
  await seedPost(db, workspaceId, ada, { postedAt: '2026-02-25T09:00:00Z', impressions: 500, likes: 20, reposts: 5 });
  // Outside both weeks.
  await seedPost(db, workspaceId, ada, { postedAt: '2026-03-09T09:00:00Z', impressions: 9999, likes: 999 });
  await seedFollowers(db, ada, [
    ['2026-03-01T12:00:00Z', 100],
    ['2026-03-05T12:00:00Z', 110],
    ['2026-03-08T12:00:00Z', 120],
  ]);
  await seedFollowers(db, bob, [['2026-03-04T12:00:00Z', 40]]);
});
afterAll(() => database.close());

const week = () => analyticsRange('2026-03-02', '2026-03-08', 'UTC');

describe('analytics overview', () => {
  it('adds up the posts of the range and their engagement rate, against the week before', async () => {
    const overview = await analyticsOverview(database.db, { workspaceId }, week());
    // (50 + 10) engagements over (1000 + 400 + 0) impressions.
    expect(overview.current).toEqual({ posts: 3, impressions: 1400, engagements: 60, engagementRate: 60 / 1400, followers: 160, followerGrowth: 20 });
    expect(overview.previous).toMatchObject({ posts: 1, impressions: 500, engagements: 25, engagementRate: 0.05, followers: 100, followerGrowth: 0 });
    expect(overview.range.previous).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(overview.change.engagementRate).toBeCloseTo((60 / 1400 - 0.05) / 0.05, 10);
    expect(overview.change.posts).toBe(2);
    expect(overview.formula).toContain('÷ impressions');
  });

  it('ranks posts by engagement rate and leaves unseen posts out', async () => {
    const overview = await analyticsOverview(database.db, { workspaceId }, week());
    expect(overview.top.map((post) => [post.impressions, post.engagementRate])).toEqual([
      [1000, 0.05],
      [400, 0.025],
    ]);
    expect(overview.posts.map((post) => post.username)).toEqual(['bob', 'ada', 'ada']);
  });

  it('draws daily curves from the growth between snapshots, and follower counts carried between readings', async () => {
    const { daily } = await analyticsOverview(database.db, { workspaceId, accountIds: [ada] }, week());
    expect(daily.map((point) => point.day)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    // The second post was first read a day after it went out: its figures count on its own day.
    expect(daily.map((point) => point.impressions)).toEqual([600, 400, 400, 0, 0, 0, 0]);
    expect(daily[0]).toMatchObject({ engagements: 30, engagementRate: 0.05, postsPublished: 1 });
    expect(daily.map((point) => point.followers)).toEqual([100, 100, 100, 110, 110, 110, 120]);
  });

  it('narrows to chosen accounts, and a shorter range changes the figures', async () => {
    const onlyBob = await analyticsOverview(database.db, { workspaceId, accountIds: [bob] }, week());
    expect(onlyBob.current).toMatchObject({ posts: 1, impressions: 0, engagementRate: null, followers: 40 });
    const twoDays = await analyticsOverview(database.db, { workspaceId }, analyticsRange('2026-03-02', '2026-03-03', 'UTC'));
    expect(twoDays.current).toMatchObject({ posts: 1, impressions: 1000, engagementRate: 0.05 });
  });

  it('refuses ranges that end before they start or are longer than a year, saying so', () => {
    expect(() => analyticsRange('2026-03-08', '2026-03-02', 'UTC')).toThrow('The range ends (2026-03-02) before it starts (2026-03-08)');
    expect(() => analyticsRange('2025-01-01', '2026-03-02', 'UTC')).toThrow(/at most 366 days/);
  });

  it('exports the posts as CSV that spreadsheets read safely', async () => {
    const { posts } = await analyticsOverview(database.db, { workspaceId, accountIds: [ada] }, week());
    const lines = postsCsv(posts).trimEnd().split('\r\n');
    expect(lines[0]).toBe('posted_at,account,x_post_id,text,impressions,likes,reposts,replies,quotes,bookmarks,engagements,engagement_rate,url_link_clicks,profile_clicks');
    const launch = lines.find((line) => line.includes('Launch'))!;
    expect(launch).toContain('"Launch, ""finally"", =SUM(A1)"');
    expect(launch).toMatch(/,1000,30,5,4,1,10,50,0\.050000,,$/);
  });
});
