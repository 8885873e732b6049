import { Temporal } from 'temporal-polyfill';

export type ReportKind = 'daily' | 'weekly';

/**
 * The local days a report sent at `now` covers in `timezone`: yesterday for a daily report,
 * the last full Monday–Sunday week for a weekly one.
 *
 * @example
 * reportDays('weekly', new Date('2026-03-09T08:00:00Z'), 'UTC'); // { from: '2026-03-02', to: '2026-03-08' }
 */
export function reportDays(kind: ReportKind, now: Date, timezone: string): { from: string; to: string } {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timezone).toPlainDate();
  if (kind === 'daily') {
    const yesterday = today.subtract({ days: 1 });
    return { from: yesterday.toString(), to: yesterday.toString() };
  }
  const thisMonday = today.subtract({ days: today.dayOfWeek - 1 });
  return { from: thisMonday.subtract({ days: 7 }).toString(), to: thisMonday.subtract({ days: 1 }).toString() };
}

/**
 * A report's title for its period, e.g. "Monday, 2 March 2026" or "Week of 2 March 2026".
 *
 * @example
 * reportLabel('weekly', '2026-03-02'); // 'Week of 2 March 2026'
 */
export function reportLabel(kind: ReportKind, from: string): string {
  const day = Temporal.PlainDate.from(from);
  const long = day.toLocaleString('en-GB', { weekday: kind === 'daily' ? 'long' : undefined, day: 'numeric', month: 'long', year: 'numeric' });
  return kind === 'daily' ? long : `Week of ${long}`;
}
