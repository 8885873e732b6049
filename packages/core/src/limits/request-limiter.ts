import { sql } from 'drizzle-orm';
import { requestLimitCounters, type Executor } from '@tweetflow/db';
import { nextAllowedAt, slidingCount } from './sliding-window';

export type LimitVerdict = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Counts one request against `key` and says whether it stays within `limit` requests per
 * sliding `windowMs`. One upsert per call, so every web process and worker shares the
 * same count through Postgres. Refused requests count too: a client that keeps hammering
 * stays refused until it pauses.
 *
 * @example
 * const verdict = await consumeRequestUnit(db, clock.now(), { key: `api:user:${userId}`, limit: 600, windowMs: 60_000 });
 * if (!verdict.allowed) throw new DomainError('too_many_requests', '…', verdict.retryAt);
 */
export async function consumeRequestUnit(
  db: Executor,
  now: Date,
  { key, limit, windowMs }: { key: string; limit: number; windowMs: number },
): Promise<LimitVerdict> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const previousStart = new Date(windowStart.getTime() - windowMs);
  const current = sql`${windowStart.toISOString()}::timestamptz`;
  const previous = sql`${previousStart.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(requestLimitCounters)
    .values({ key, windowStartedAt: windowStart, count: 1, previousCount: 0 })
    .onConflictDoUpdate({
      target: requestLimitCounters.key,
      // A row from this window counts up; one from the window before becomes the fading
      // share; anything older is forgotten.
      set: {
        previousCount: sql`case
          when ${requestLimitCounters.windowStartedAt} = ${current} then ${requestLimitCounters.previousCount}
          when ${requestLimitCounters.windowStartedAt} = ${previous} then ${requestLimitCounters.count}
          else 0 end`,
        count: sql`case when ${requestLimitCounters.windowStartedAt} = ${current} then ${requestLimitCounters.count} + 1 else 1 end`,
        windowStartedAt: current,
      },
    })
    .returning({ count: requestLimitCounters.count, previousCount: requestLimitCounters.previousCount });
  const counts = { windowStartedAt: windowStart, count: row!.count, previousCount: row!.previousCount };
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
