/** A range of local days, both ends included ("YYYY-MM-DD"). */
export type DayRange = { from: string; to: string };

export type RangePreset = { id: string; label: string; range: (today: string) => DayRange };

/** Today's date in a zone, e.g. '2026-03-09' in Europe/Berlin. */
export function todayIn(timezone: string, now = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * A day moved by `days` (calendar arithmetic on the date alone, so zones do not matter).
 *
 * @example
 * shiftDay('2026-03-01', -1); // '2026-02-28'
 */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function monthStart(day: string, monthsBack = 0): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - monthsBack);
  return date.toISOString().slice(0, 10);
}

/** The dashboard's presets; a custom range is picked with the date inputs. */
export const RANGE_PRESETS: RangePreset[] = [
  { id: '7d', label: 'Last 7 days', range: (today) => ({ from: shiftDay(today, -6), to: today }) },
  { id: '28d', label: 'Last 28 days', range: (today) => ({ from: shiftDay(today, -27), to: today }) },
  { id: '90d', label: 'Last 90 days', range: (today) => ({ from: shiftDay(today, -89), to: today }) },
  { id: 'month', label: 'This month', range: (today) => ({ from: monthStart(today), to: today }) },
  { id: 'last-month', label: 'Last month', range: (today) => ({ from: monthStart(today, 1), to: shiftDay(monthStart(today), -1) }) },
];

/**
 * The preset a range matches, if any (so the picker shows "Last 7 days" rather than dates).
 *
 * @example
 * matchingPreset({ from: '2026-03-03', to: '2026-03-09' }, '2026-03-09')?.id; // '7d'
 */
export function matchingPreset(range: DayRange, today: string): RangePreset | undefined {
  return RANGE_PRESETS.find((preset) => {
    const candidate = preset.range(today);
    return candidate.from === range.from && candidate.to === range.to;
  });
}
