import { sql } from 'drizzle-orm';
import { requestLimitCounters, type Database, type Executor } from '@tweetflow/db';
import { nextAllowedAt, slidingCount } from './sliding-window';

export type LimitVerdict = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Counts one request against `key` and says whether it stays within `limit` requests per
 * sliding `windowMs`. One upsert per call, so every web process and worker shares the
 * same count through Postgres. Refused requests count too: a client that keeps hammering
 * stays refused until it pauses.
 *
 * Every signed-in request of a person counts against that person's one row, so each
 * request's commit would wait for the disk while holding the row, and a person's parallel
 * requests would queue behind each other's fsync. The commit is therefore asynchronous:
 * a database crash can forget the last fraction of a second of counts, which at worst lets
 * a client send that many requests again. It takes a `Database`, not a transaction, so the
 * asynchronous commit never applies to a caller's own writes.
 *
 * @example
 * const verdict = await consumeRequestUnit(db, clock.now(), { key: `api:user:${userId}`, limit: 600, windowMs: 60_000 });
 * if (!verdict.allowed) throw new DomainError('too_many_requests', '…', verdict.retryAt);
 */
export async function consumeRequestUnit(
  db: Database,
  now: Date,
  { key, limit, windowMs }: { key: string; limit: number; windowMs: number },
): Promise<LimitVerdict> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const previousStart = new Date(windowStart.getTime() - windowMs);
  const current = sql`${windowStart.toISOString()}::timestamptz`;
  const previous = sql`${previousStart.toISOString()}::timestamptz`;
  const counter = requestLimitCounters;
  // A row from this window counts up; one from the window before becomes the fading
  // share; anything older is forgotten.
  const [row] = await db.execute<{ count: number; previous_count: number }>(sql`
    with async_commit as (select set_config('synchronous_commit', 'off', true)),
    counted as (
      insert into ${counter} (key, window_started_at, count, previous_count)
      values (${key}, ${current}, 1, 0)
      on conflict (key) do update set
        previous_count = case
          when ${counter}.window_started_at = ${current} then ${counter}.previous_count
          when ${counter}.window_started_at = ${previous} then ${counter}.count
          else 0 end,
        count = case when ${counter}.window_started_at = ${current} then ${counter}.count + 1 else 1 end,
        window_started_at = ${current}
      returning count, previous_count
    )
    select count, previous_count, (select count(*) from async_commit) as async from counted`);
  const counts = { windowStartedAt: windowStart, count: row!.count, previousCount: row!.previous_count };
  if (slidingCount(counts, now, windowMs) <= limit) return { allowed: true };
  // The refused request is in `count`; the next one is allowed once the window has room.
  return { allowed: false, retryAt: nextAllowedAt(counts, limit, windowMs) };
}

/**
 * Forgets counters untouched for a day (the longest window is an hour).
 *
 * @example
 * const removed = await purgeRequestCounters(db, clock.now());
 */
export async function purgeRequestCounters(db: Executor, now: Date): Promise<number> {
  const removed = await db
    .delete(requestLimitCounters)
    .where(sql`${requestLimitCounters.windowStartedAt} < ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`)
    .returning({ key: requestLimitCounters.key });
  return removed.length;
}
