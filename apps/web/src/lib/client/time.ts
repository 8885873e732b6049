const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "in 3 days", "2 hours ago", "now". Precise dates go in a `title` beside it, because a
 * relative phrase is quicker to read but loses the detail.
 *
 * @example
 * relativeTime(new Date(Date.now() + 86_400_000)) // "tomorrow"
 */
export function relativeTime(date: Date, now: Date = new Date()): string {
  const difference = date.getTime() - now.getTime();
  for (const [unit, size] of UNITS) {
    if (Math.abs(difference) >= size) return relative.format(Math.round(difference / size), unit);
  }
  return 'now';
}

/** A full date and time in the reader's locale and zone, e.g. for tooltips. */
export function exactTime(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
