const integer = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * A count as people read it: 1,234; large ones compact (12.3K) when `short`.
 *
 * @example
 * formatCount(1234); // '1,234'
 */
export function formatCount(value: number | null, short = false): string {
  if (value === null) return '—';
  return short && Math.abs(value) >= 10_000 ? compact.format(value) : integer.format(value);
}

/**
 * A rate (0.0429) as a percentage with two decimals: '4.29%'; '—' when there is none.
 *
 * @example
 * formatRate(0.0429); // '4.29%'
 */
export function formatRate(rate: number | null, digits = 2): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/**
 * A relative change (0.2) as '+20%', with a true minus sign for drops; '—' when unknown.
 *
 * @example
 * formatChange(-0.142); // '−14%'
 */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  const percent = Math.round(change * 100);
  if (percent === 0) return '±0%';
  return `${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`;
}

/**
 * A signed count, e.g. follower growth: '+60', '−12', '±0'.
 *
 * @example
 * formatSigned(60); // '+60'
 */
export function formatSigned(value: number | null): string {
  if (value === null) return '—';
  if (value === 0) return '±0';
  return `${value > 0 ? '+' : '−'}${integer.format(Math.abs(value))}`;
}

/**
 * Bytes as KB, MB or GB.
 *
 * @example
 * formatBytes(12_582_912); // '12.0 MB'
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * An hour of the week (weekday 1 = Monday) as 'Tuesday 09:00'; `short` gives 'Tue 09:00'.
 *
 * @example
 * formatHourOfWeek(2, 9); // 'Tuesday 09:00'
 */
export function formatHourOfWeek(weekday: number, hour: number, short = false): string {
  const day = WEEKDAYS[weekday - 1] ?? '';
  return `${short ? day.slice(0, 3) : day} ${String(hour).padStart(2, '0')}:00`;
}
