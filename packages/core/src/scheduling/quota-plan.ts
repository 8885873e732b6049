import { MAX_THREAD_ITEMS } from '@tweetflow/x/rules';

/** A post makes one call to X per thread item, so at most this many. */
export const MAX_UNITS_PER_POST = MAX_THREAD_ITEMS;

/** X's documented limit for creating posts: 100 requests per 15 minutes per user. */
export const DOCUMENTED_POST_LIMIT = { units: 100, windowMinutes: 15 } as const;

const HOUR_MS = 60 * 60 * 1000;
const FORECAST_HOURS = 24;

/** A post planned at `at` that takes `units` calls to X (one per thread item). */
export type PlannedUnits = { at: Date; units: number };

/** A stretch of time, the calls planned in it and how many X allows in it. */
export type QuotaWindow = { start: Date; end: Date; units: number; budget: number };

export type QuotaPlan = {
  from: Date;
  to: Date;
  totalUnits: number;
  /** 24 consecutive hours from `from`. */
  hours: Array<{ start: Date; units: number }>;
  /** The most calls in any window of the limit's length. */
  busiestWindow: QuotaWindow | null;
  /** The first window that asks for more than X allows, if any. */
  exceeded: QuotaWindow | null;
};

/**
 * Lays planned calls over the next 24 hours: per hour, in total, and against X's limit in
 * every window of its length (starting at each planned call, so no grouping of posts
 * escapes). While X's current window is known, calls before its reset count against what
 * it has left rather than the full limit.
 *
 * @example
 * planQuota([{ at: new Date('2026-12-01T09:00:00Z'), units: 3 }], { now, limit: { units: 100, windowMinutes: 15 } });
 * // { totalUnits: 3, hours: [{ start: now, units: 3 }, …], exceeded: null, … }
 */
export function planQuota(
  planned: readonly PlannedUnits[],
  options: { now: Date; limit: { units: number; windowMinutes: number }; currentWindow?: { remaining: number; resetAt: Date } | null },
): QuotaPlan {
  const from = options.now;
  const to = new Date(from.getTime() + FORECAST_HOURS * HOUR_MS);
  const within = planned
    .filter(({ at }) => at.getTime() >= from.getTime() && at.getTime() < to.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const unitsBetween = (start: number, end: number) =>
    within.reduce((sum, entry) => (entry.at.getTime() >= start && entry.at.getTime() < end ? sum + entry.units : sum), 0);

  const hours = Array.from({ length: FORECAST_HOURS }, (_, index) => {
    const start = from.getTime() + index * HOUR_MS;
    return { start: new Date(start), units: unitsBetween(start, start + HOUR_MS) };
  });

  const windowMs = options.limit.windowMinutes * 60 * 1000;
  const sliding: QuotaWindow[] = within.map(({ at }) => ({
    start: at,
    end: new Date(at.getTime() + windowMs),
    units: unitsBetween(at.getTime(), at.getTime() + windowMs),
    budget: options.limit.units,
  }));
  const current = options.currentWindow;
  const currentWindow: QuotaWindow[] =
    current && current.resetAt.getTime() > from.getTime()
      ? [{ start: from, end: current.resetAt, units: unitsBetween(from.getTime(), current.resetAt.getTime()), budget: current.remaining }]
      : [];

  return {
    from,
    to,
    totalUnits: within.reduce((sum, entry) => sum + entry.units, 0),
    hours,
    busiestWindow: sliding.reduce<QuotaWindow | null>((busiest, window) => (!busiest || window.units > busiest.units ? window : busiest), null),
    exceeded: [...currentWindow, ...sliding].find((window) => window.units > window.budget) ?? null,
  };
}
