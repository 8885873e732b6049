import { asc, eq } from 'drizzle-orm';
import { accountMetricSnapshots, postMetricSnapshots, trackedPosts, workspaceMembers } from '@tweetflow/db';
import { fixedClock } from '@tweetflow/x-sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPost } from '../posts/create-post';
import { startAnalyticsTestbed, type AnalyticsTestbed } from './testing';

const START = Date.parse('2026-03-02T09:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let testbed: AnalyticsTestbed;
let accountId: string;

beforeEach(async () => {
  testbed = await startAnalyticsTestbed({ clock: fixedClock(START), seed: 7 });
  accountId = await testbed.connect('ada');
  await testbed.database.db.insert(workspaceMembers).values({ workspaceId: testbed.workspaceId, userId: testbed.userId, role: 'owner' });
});
afterEach(() => testbed.close());

async function publishNow(text: string): Promise<string> {
  await createPost(testbed.database.db, testbed.publishing, {
    workspaceId: testbed.workspaceId,
    userId: testbed.userId,
    userTimezone: 'UTC',
    content: { accountId, items: [{ text, mediaIds: [] }] },
    timing: { kind: 'now' },
  });
  expect(await testbed.drainPublishJobs()).toEqual(['published']);
  return testbed.postsOf('ada').at(-1)!.id;
}

/** Runs the tick every `step` until `until` (ms after START); steps are chosen to land on `until`. */
async function runUntil(until: number, step: number): Promise<void> {
  while (testbed.sandbox.clock.now() + step <= START + until) {
    testbed.advance(step);
    await testbed.tick();
  }
}

async function snapshotTimes(xPostId: string): Promise<number[]> {
  const rows = await testbed.database.db
    .select({ capturedAt: postMetricSnapshots.capturedAt })
    .from(postMetricSnapshots)
    .innerJoin(trackedPosts, eq(trackedPosts.id, postMetricSnapshots.trackedPostId))
    .where(eq(trackedPosts.xPostId, xPostId))
    .orderBy(asc(postMetricSnapshots.capturedAt));
  return rows.map((row) => row.capturedAt.getTime() - START);
}

/** What the sandbox itself says about a post right now, read with a token of its own. */
async function sandboxMetrics(xPostId: string) {
  const token = testbed.sandbox.admin.issueToken('ada').access_token;
  const response = await fetch(`${testbed.sandbox.url}/2/tweets/${xPostId}?tweet.fields=public_metrics,non_public_metrics`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { data } = (await response.json()) as { data: { public_metrics: Record<string, number>; non_public_metrics: Record<string, number> } };
  return data;
}

// Each test walks the clock through hundreds of ticks against real Postgres and the sandbox.
describe('metrics collection', { timeout: 120_000 }, () => {
  it('reads a published post every 15 minutes for 48 hours, hourly to 7 days, daily to 30 days, then stops', async () => {
    const xPostId = await publishNow('Launch day');

    await runUntil(2 * HOUR, 5 * MINUTE);
    const firstHours = await snapshotTimes(xPostId);
    // The first read comes with the first tick after publishing, then every 15 minutes.
    expect(firstHours).toEqual([5, 20, 35, 50, 65, 80, 95, 110].map((minutes) => minutes * MINUTE));

    await runUntil(46 * HOUR, 4 * HOUR);
    await runUntil(52 * HOUR, 15 * MINUTE);
    const aroundTwoDays = (await snapshotTimes(xPostId)).filter((at) => at >= 46 * HOUR);
    const gaps = aroundTwoDays.slice(1).map((at, index) => at - aroundTwoDays[index]!);
    // 15-minute reads until the post is 48 hours old, hourly after.
    expect(gaps.filter((gap) => gap === 15 * MINUTE).length).toBeGreaterThanOrEqual(7);
    expect(aroundTwoDays.filter((at) => at > 49 * HOUR).every((at, index, all) => index === 0 || at - all[index - 1]! === HOUR)).toBe(true);

    await runUntil(9 * DAY, 4 * HOUR);
    const afterAWeek = (await snapshotTimes(xPostId)).filter((at) => at > 7 * DAY + 6 * HOUR);
    expect(afterAWeek.slice(1).map((at, index) => at - afterAWeek[index]!)).toEqual([DAY]);

    await runUntil(33 * DAY, DAY);
    const all = await snapshotTimes(xPostId);
    expect(Math.max(...all)).toBe(30 * DAY);
    const [tracked] = await testbed.database.db.select().from(trackedPosts).where(eq(trackedPosts.xPostId, xPostId));
    expect(tracked?.nextPollAt).toBeNull();
  });

  it('stores exactly the figures the sandbox shows, and growth curves come from the snapshots', async () => {
    const xPostId = await publishNow('Measured post');
    testbed.sandbox.admin.createUser({ username: 'fan' });
    await runUntil(30 * MINUTE, 5 * MINUTE);
    testbed.sandbox.admin.like('fan', xPostId);
    testbed.sandbox.admin.follow('fan', 'ada');
    await runUntil(6 * HOUR, 15 * MINUTE);

    const [tracked] = await testbed.database.db.select().from(trackedPosts).where(eq(trackedPosts.xPostId, xPostId));
    const seen = await sandboxMetrics(xPostId);
    expect(tracked).toMatchObject({
      impressions: seen.public_metrics.impression_count,
      likes: seen.public_metrics.like_count,
      reposts: seen.public_metrics.retweet_count,
      replies: seen.public_metrics.reply_count,
      quotes: seen.public_metrics.quote_count,
      bookmarks: seen.public_metrics.bookmark_count,
      urlLinkClicks: seen.non_public_metrics.url_link_clicks,
      profileClicks: seen.non_public_metrics.user_profile_clicks,
    });

    const curve = await testbed.database.db
      .select({ impressions: postMetricSnapshots.impressions, likes: postMetricSnapshots.likes })
      .from(postMetricSnapshots)
      .where(eq(postMetricSnapshots.trackedPostId, tracked!.id))
      .orderBy(asc(postMetricSnapshots.capturedAt));
    expect(curve.length).toBeGreaterThan(20);
    for (let index = 1; index < curve.length; index++) expect(curve[index]!.impressions).toBeGreaterThanOrEqual(curve[index - 1]!.impressions);
    expect(curve.at(-1)!.impressions).toBeGreaterThan(curve[0]!.impressions);
    // The like made at 30 minutes shows from the next read on.
    expect(curve.at(-1)!.likes).toBeGreaterThan(curve[0]!.likes);

    const audience = await testbed.database.db
      .select({ followers: accountMetricSnapshots.followers })
      .from(accountMetricSnapshots)
      .where(eq(accountMetricSnapshots.xAccountId, accountId))
      .orderBy(asc(accountMetricSnapshots.capturedAt));
    // The audience is read once a day: before the follow only.
    expect(audience.map((row) => row.followers)).toEqual([0]);
    await runUntil(DAY + 6 * HOUR, 6 * HOUR);
    const later = await testbed.database.db.select({ followers: accountMetricSnapshots.followers }).from(accountMetricSnapshots).where(eq(accountMetricSnapshots.xAccountId, accountId)).orderBy(asc(accountMetricSnapshots.capturedAt));
    expect(later.map((row) => row.followers)).toEqual([0, 1]);
  });

  it('finds posts made outside TweetFlow on the timeline and follows them too', async () => {
    testbed.sandbox.admin.post('ada', { text: 'Posted from the X app' });
    const report = await testbed.tick();
    expect(report.accounts).toMatchObject([{ discovered: 1, followers: 0 }]);
    const rows = await testbed.database.db.select().from(trackedPosts).where(eq(trackedPosts.xAccountId, accountId));
    expect(rows).toMatchObject([{ text: 'Posted from the X app', postItemId: null }]);
  });

  it("inserts the timeline's posts oldest first, the order the tracking of published posts takes, so the two cannot deadlock", async () => {
    const older = testbed.sandbox.admin.post('ada', { text: 'Older, from the X app' });
    testbed.advance(MINUTE);
    const newer = testbed.sandbox.admin.post('ada', { text: 'Newer, from the X app' });
    const { sql } = testbed.database;
    const insertTracked = (connection: typeof sql, xPostId: string) =>
      connection`insert into tracked_posts (workspace_id, x_account_id, x_post_id, text, posted_at) values (${testbed.workspaceId}, ${accountId}, ${xPostId}, 'elsewhere', now()) on conflict do nothing`;
    // Another transaction has inserted the older post and not committed yet, as the tracking of published posts does mid-batch.
    const holder = await sql.reserve();
    const probe = await sql.reserve();
    try {
      await holder`begin`;
      await insertTracked(holder, older.id);
      const ticking = testbed.tick();
      const waitingOnTheHolder = async () =>
        (await probe<{ waiting: number }[]>`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into "tracked_posts"%'`)[0]!.waiting === 1;
      for (let tries = 0; !(await waitingOnTheHolder()); tries++) {
        if (tries > 200) throw new Error('the collection never reached the held row');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // The collection waits for the older post's row; it must not hold the newer one meanwhile,
      // or the holder, inserting the newer one next, would wait for it in turn: a deadlock.
      await probe`begin`;
      await probe`set local lock_timeout = '2s'`;
      await insertTracked(probe, newer.id);
      await probe`rollback`;
      await holder`rollback`;
      const report = await ticking;
      expect(report.accounts).toMatchObject([{ discovered: 2 }]);
    } finally {
      holder.release();
      probe.release();
    }
  });
});
