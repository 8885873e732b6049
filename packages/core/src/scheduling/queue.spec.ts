import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts, xAccounts } from '@tweetflow/db';
import { createPosts } from '../posts/create-posts';
import { pauseQueue, resumeQueue } from './queue-pause';
import { reorderQueue } from './reorder-queue';
import { startSchedulingTestbed, type SchedulingTestbed } from './test-support';
import { listUpcomingQueue } from './upcoming-queue';

let testbed: SchedulingTestbed;
beforeAll(async () => {
  testbed = await startSchedulingTestbed({ now: new Date('2026-06-01T00:00:00Z') });
});
afterAll(() => testbed.close());

/** Schedules one post per entry through the publishing engine, so each has its job. */
async function schedule(accountId: string, entries: Array<{ text: string; at: string; timezone?: string; items?: number }>) {
  return createPosts(testbed.database.db, testbed.deps, {
    workspaceId: testbed.workspaceId,
    userId: testbed.userId,
    posts: entries.map((entry) => ({
      content: { accountId, items: Array.from({ length: entry.items ?? 1 }, (_, index) => ({ text: `${entry.text} ${index + 1}/`, mediaIds: [] })) },
      scheduledAt: new Date(entry.at),
      timezone: entry.timezone ?? 'UTC',
      source: 'queue' as const,
    })),
  });
}

async function timesOf(ids: string[]) {
  const rows = await testbed.database.db
    .select({ id: posts.id, scheduledAt: posts.scheduledAt, timezone: posts.timezone, publishJobId: posts.publishJobId })
    .from(posts)
    .where(inArray(posts.id, ids));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)!);
}

describe('the upcoming queue', () => {
  it('lists the account’s scheduled posts in time order with their first text, leaving out drafts and other accounts', async () => {
    const accountId = await testbed.addAccount('listed_queue', { timezone: 'Europe/Berlin' });
    const otherId = await testbed.addAccount('other_queue');
    await schedule(accountId, [
      { text: 'Later', at: '2026-06-03T07:00:00Z', timezone: 'Europe/Berlin', items: 3 },
      { text: 'Sooner', at: '2026-06-02T07:00:00Z', timezone: 'Europe/Berlin' },
    ]);
    await schedule(otherId, [{ text: 'Elsewhere', at: '2026-06-02T08:00:00Z' }]);
    await testbed.addPost(accountId, { scheduledAt: null, texts: ['A draft'] });

    const queue = await listUpcomingQueue(testbed.database.db, { workspaceId: testbed.workspaceId, accountId, limit: 50 });
    expect(queue.account).toEqual({ id: accountId, username: 'listed_queue', timezone: 'Europe/Berlin', paused: false });
    expect(queue.posts.map((post) => [post.firstText, post.itemCount, post.localDateTime])).toEqual([
      ['Sooner 1/', 1, '2026-06-02T09:00'],
      ['Later 1/', 3, '2026-06-03T09:00'],
    ]);
  });
});

describe('reordering the queue', () => {
  it('hands the same times out in the new order, each with its zone and a new publish job', async () => {
    const accountId = await testbed.addAccount('reordered_queue');
    const [first, second, third] = await schedule(accountId, [
      { text: 'First', at: '2026-06-10T09:00:00Z', timezone: 'Europe/London' },
      { text: 'Second', at: '2026-06-11T09:00:00Z', timezone: 'UTC' },
      { text: 'Third', at: '2026-06-12T09:00:00Z', timezone: 'Asia/Tokyo' },
    ]);
    const before = await timesOf([first!, second!, third!]);

    await reorderQueue(testbed.database.db, testbed.deps, { workspaceId: testbed.workspaceId, accountId, postIds: [third!, first!, second!] });

    const after = await timesOf([third!, first!, second!]);
    expect(after.map((post) => [post.scheduledAt?.toISOString(), post.timezone])).toEqual([
      ['2026-06-10T09:00:00.000Z', 'Europe/London'],
      ['2026-06-11T09:00:00.000Z', 'UTC'],
      ['2026-06-12T09:00:00.000Z', 'Asia/Tokyo'],
    ]);
    for (const [index, post] of after.entries()) expect(post.publishJobId).not.toBe(before[[2, 0, 1][index]!]!.publishJobId);
    const jobs = await testbed.database.db.execute<{ id: string; start_after: Date }>(
      sql`select id, start_after from pgboss.job where id in ${after.map((post) => post.publishJobId!)}`,
    );
    const jobStart = new Map(jobs.map((job) => [job.id, new Date(job.start_after).getTime()]));
    expect(after.map((post) => jobStart.get(post.publishJobId!))).toEqual(after.map((post) => post.scheduledAt!.getTime()));
  });

  it('refuses duplicates, posts that are not queued, and posts past their time, changing nothing', async () => {
    const { db } = testbed.database;
    const accountId = await testbed.addAccount('refused_reorder');
    const [a, b] = await schedule(accountId, [
      { text: 'A', at: '2026-06-20T09:00:00Z' },
      { text: 'B', at: '2026-06-21T09:00:00Z' },
    ]);
    const draft = await testbed.addPost(accountId, { scheduledAt: null });
    const input = (postIds: string[]) => ({ workspaceId: testbed.workspaceId, accountId, postIds });
    const before = await timesOf([a!, b!]);

    await expect(reorderQueue(db, testbed.deps, input([b!, a!, b!]))).rejects.toThrow('A post appears twice in the new order');
    await expect(reorderQueue(db, testbed.deps, input([b!, draft, a!]))).rejects.toThrow(
      "A post in the new order is no longer scheduled on @refused_reorder's queue; reload the queue and try again.",
    );
    testbed.setNow(new Date('2026-06-20T10:00:00Z'));
    try {
      await expect(reorderQueue(db, testbed.deps, input([b!, a!]))).rejects.toThrow(
        'The post planned for 2026-06-20 09:00 (UTC) is past its time and waiting to be published; reorder only posts still to come.',
      );
    } finally {
      testbed.setNow(new Date('2026-06-01T00:00:00Z'));
    }
    expect(await timesOf([a!, b!])).toEqual(before);
  });
});

describe('pausing the queue', () => {
  it('pause marks the account; resume gives held posts their jobs back', async () => {
    const { db } = testbed.database;
    const accountId = await testbed.addAccount('paused_queue');
    await pauseQueue(db, testbed.deps, { workspaceId: testbed.workspaceId, accountId });
    expect((await listUpcomingQueue(db, { workspaceId: testbed.workspaceId, accountId, limit: 10 })).account.paused).toBe(true);

    // What the publishing engine leaves when a post of a paused account comes due.
    const held = await testbed.addPost(accountId, { scheduledAt: new Date('2026-05-31T12:00:00Z'), texts: ['Held back'] });
    await db.update(posts).set({ statusReason: 'Held: the queue is paused.' }).where(eq(posts.id, held));

    expect(await resumeQueue(db, testbed.deps, { workspaceId: testbed.workspaceId, accountId })).toEqual({ released: 1 });
    const [account] = await db.select({ queuePaused: xAccounts.queuePaused }).from(xAccounts).where(eq(xAccounts.id, accountId));
    expect(account?.queuePaused).toBe(false);
    const [post] = await timesOf([held]);
    const [job] = await db.execute<{ start_after: Date }>(sql`select start_after from pgboss.job where id = ${post!.publishJobId}`);
    expect(new Date(job!.start_after)).toEqual(testbed.deps.clock.now());
  });

  it('does not pause an account of another workspace', async () => {
    const accountId = await testbed.addAccount('not_paused');
    await expect(
      pauseQueue(testbed.database.db, testbed.deps, { workspaceId: '00000000-0000-7000-8000-000000000000', accountId }),
    ).rejects.toThrow('That X account is not connected to this workspace.');
  });
});
