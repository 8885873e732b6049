const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How often a post's metrics are read, by its age: a post gathers most of its engagement
 * in its first two days, so it is read every 15 minutes then, hourly to a week, daily to
 * 30 days, and no more after that (X stops showing owner metrics at 30 days too).
 */
export const METRICS_CADENCE = [
  { until: 48 * HOUR, every: 15 * MINUTE },
  { until: 7 * DAY, every: HOUR },
  { until: 30 * DAY, every: DAY },
] as const;

/** Posts older than this are no longer polled. */
export const METRICS_HORIZON_MS = 30 * DAY;

/**
 * When a post's metrics should next be read, given when it was posted and when they were
 * last read; null once the post is past the 30-day horizon.
 *
 * @example
 * nextMetricsPollAt(new Date('2026-03-01T09:00Z'), new Date('2026-03-01T10:00Z')); // 10:15Z
 * nextMetricsPollAt(new Date('2026-01-01T09:00Z'), new Date('2026-03-01T10:00Z')); // null
 */
export function nextMetricsPollAt(postedAt: Date, polledAt: Date): Date | null {
  const age = polledAt.getTime() - postedAt.getTime();
  const step = METRICS_CADENCE.find((stage) => age < stage.until);
  if (!step) return null;
  const next = polledAt.getTime() + step.every;
  // The last daily read lands on the horizon, so a post's final figures are its 30-day ones.
  return new Date(Math.min(next, postedAt.getTime() + METRICS_HORIZON_MS));
}
