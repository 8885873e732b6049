import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import { METRICS_HORIZON_MS } from './metrics-cadence';

/**
 * Starts following the metrics of every thread item TweetFlow published that is not
 * followed yet (due at once while younger than 30 days). A post already found on the
 * timeline gets linked to its thread item. Returns how many posts were added or linked.
 * Rows go in by account and then X post id, the order the timeline collection inserts an
 * account's posts in, so the two never wait on each other's rows in opposite orders.
 *
 * @example
 * await trackPublishedPosts(db, clock.now());
 */
export async function trackPublishedPosts(db: Executor, now: Date): Promise<number> {
  const horizon = new Date(now.getTime() - METRICS_HORIZON_MS).toISOString();
  const rows = await db.execute(sql`
    insert into tracked_posts (workspace_id, x_account_id, x_post_id, post_item_id, text, posted_at, next_poll_at)
    select p.workspace_id, p.x_account_id, i.x_post_id, i.id, i.text, i.published_at,
           case when i.published_at > ${horizon}::timestamptz then ${now.toISOString()}::timestamptz end
    from post_items i
    join posts p on p.id = i.post_id
    where i.x_post_id is not null and i.published_at is not null and p.x_account_id is not null
      and not exists (select 1 from tracked_posts t where t.post_item_id = i.id)
    order by p.x_account_id, length(i.x_post_id), i.x_post_id
    on conflict (x_account_id, x_post_id) do update set post_item_id = excluded.post_item_id
    returning 1
  `);
  return rows.length;
}
