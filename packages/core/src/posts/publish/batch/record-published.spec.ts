import { eq, sql } from 'drizzle-orm';
import { posts, workspaceMembers } from '@tweetflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPublishingTestbed, type PublishingTestbed } from '../../testing';
import type { BatchPost } from './claim-batch';
import { recordPublished } from './record-published';

let testbed: PublishingTestbed;
beforeAll(async () => {
  testbed = await startPublishingTestbed();
  await testbed.database.db.insert(workspaceMembers).values({ workspaceId: testbed.workspaceId, userId: testbed.userId, role: 'owner' });
});
afterAll(() => testbed.close());

/** Writes `count` posts being published, each with one item and one attempt in flight, as a busy workspace has. */
async function writePostsInFlight(accountId: string, count: number) {
  const { db } = testbed.database;
  await db.execute(sql`
    insert into posts (workspace_id, x_account_id, created_by_user_id, status, source, scheduled_at, timezone)
    select ${testbed.workspaceId}::uuid, ${accountId}::uuid, ${testbed.userId}::uuid, 'publishing', 'composer', now(), 'UTC'
    from generate_series(1, ${count}::int)`);
  await db.execute(sql`insert into post_items (post_id, position, text) select id, 0, 'In flight ' || id from posts`);
  await db.execute(sql`insert into publish_attempts (post_id, item_position, started_at) select id, 0, now() from posts`);
  await db.execute(sql`analyze posts, post_items, publish_attempts`);
}

describe('recording what X accepted', () => {
  it('finds the rows of a round by their keys, however many rows the tables hold', async () => {
    const accountId = await testbed.connect('ada');
    await writePostsInFlight(accountId, 2_000);
    const [one] = await testbed.database.db.execute<{ post_id: string; item_id: string; attempt_id: string; scheduled_at: string }>(sql`
      select p.id as post_id, i.id as item_id, a.id as attempt_id, p.scheduled_at from posts p
      join post_items i on i.post_id = p.id join publish_attempts a on a.post_id = p.id limit 1`);
    const post = { id: one!.post_id, workspaceId: testbed.workspaceId, scheduledAt: new Date(one!.scheduled_at) } as BatchPost;

    const wholeTableReads = await testbed.database.db.transaction(async (tx) => {
      // The view also holds this connection's counts not yet reported; the difference is the statement's.
      const reads = () =>
        tx.execute<{ table: string; reads: number }>(sql`
          select relname as "table", seq_scan::int as reads from pg_stat_xact_user_tables
          where relname in ('posts', 'post_items', 'publish_attempts') order by relname`);
      const before = await reads();
      await recordPublished(tx, [{ post, itemId: one!.item_id, attemptId: one!.attempt_id, xPostId: '1849', completesPost: true }], new Date());
      const after = await reads();
      return after.map((row, index) => [row.table, row.reads - before[index]!.reads]);
    });

    // A sequential scan here is a read of every post, item or attempt the app ever had.
    expect(wholeTableReads).toEqual([['post_items', 0], ['posts', 0], ['publish_attempts', 0]]);
    const [published] = await testbed.database.db.select({ status: posts.status }).from(posts).where(eq(posts.id, post.id));
    expect(published).toEqual({ status: 'published' });
  });
});
