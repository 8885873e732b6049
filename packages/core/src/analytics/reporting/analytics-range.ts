import { Temporal } from 'temporal-polyfill';
import { DomainError } from '../../errors';

/** The longest range the dashboard compares (a year and a day, for leap years). */
export const MAX_RANGE_DAYS = 366;

/** A range of whole local days in a zone, with the instants it spans and the period before it. */
export type AnalyticsRange = {
  timezone: string;
  /** First and last local day, inclusive ("YYYY-MM-DD"). */
  from: string;
  to: string;
  /** Every local day of the range, in order. */
  days: string[];
  start: Date;
  end: Date;
  /** The same number of days right before, for comparison. */
  previous: { from: string; to: string; start: Date; end: Date };
};

function startOfDay(day: Temporal.PlainDate, timezone: string): Date {
  return new Date(day.toZonedDateTime({ timeZone: timezone }).epochMilliseconds);
}

/**
 * The instants of local days `from`…`to` (inclusive) in `timezone`: midnight to midnight,
 * so a day with a clock change is 23 or 25 hours long, as people count it.
 *
 * @example
 * analyticsRange('2026-03-01', '2026-03-07', 'Europe/Berlin').previous.from; // '2026-02-22'
 */
export function analyticsRange(from: string, to: string, timezone: string): AnalyticsRange {
  const first = Temporal.PlainDate.from(from);
  const last = Temporal.PlainDate.from(to);
  const length = first.until(last, { largestUnit: 'days' }).days + 1;
  if (length < 1) throw new DomainError('bad_request', `The range ends (${to}) before it starts (${from}); pick the start first.`);
  if (length > MAX_RANGE_DAYS) throw new DomainError('bad_request', `The range is ${length} days long; pick at most ${MAX_RANGE_DAYS} days.`);
  const days = Array.from({ length }, (_, index) => first.add({ days: index }).toString());
  const previousFirst = first.subtract({ days: length });
  const previousLast = first.subtract({ days: 1 });
  return {
    timezone,
    from,
    to,
    days,
    start: startOfDay(first, timezone),
    end: startOfDay(last.add({ days: 1 }), timezone),
    previous: {
      from: previousFirst.toString(),
      to: previousLast.toString(),
      start: startOfDay(previousFirst, timezone),
      end: startOfDay(first, timezone),
    },
  };
}
