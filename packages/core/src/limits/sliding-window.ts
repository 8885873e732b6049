/** The counts of one key: the current fixed window and the one just before it. */
export type WindowCounts = { windowStartedAt: Date; count: number; previousCount: number };

/**
 * How many requests a sliding window of `windowMs` ending `now` holds, estimated from two
 * fixed windows: all of the current one plus the part of the previous one still inside.
 * (The estimate Cloudflare and others use: exact enough, one row per key.)
 *
 * @example
 * slidingCount({ windowStartedAt: new Date(60_000), count: 3, previousCount: 10 }, new Date(90_000), 60_000); // 3 + 10 × 0.5 = 8
 */
export function slidingCount(counts: WindowCounts, now: Date, windowMs: number): number {
  const elapsed = (now.getTime() - counts.windowStartedAt.getTime()) / windowMs;
  return counts.count + counts.previousCount * Math.max(0, 1 - elapsed);
}

/**
 * The earliest moment one more request fits under `limit`, if nobody sends anything
 * before then: later in this window as the previous window's share fades, or in the next
 * window, where this window's count becomes the fading share.
 *
 * @example
 * nextAllowedAt({ windowStartedAt: new Date(0), count: 10, previousCount: 0 }, 10, 60_000); // 60 s × (1 − 9/10) into the next window
 */
export function nextAllowedAt(counts: WindowCounts, limit: number, windowMs: number): Date {
  const start = counts.windowStartedAt.getTime();
  // Within this window: count + previous × (1 − t) + 1 ≤ limit.
  const roomNow = limit - 1 - counts.count;
  if (roomNow >= 0 && counts.previousCount > 0) {
    const fraction = 1 - roomNow / counts.previousCount;
    return new Date(start + Math.ceil(Math.max(0, fraction) * windowMs));
  }
  // In the next window: count × (1 − t) + 1 ≤ limit.
  const fraction = counts.count === 0 ? 0 : Math.max(0, 1 - (limit - 1) / counts.count);
  return new Date(start + windowMs + Math.ceil(fraction * windowMs));
}
