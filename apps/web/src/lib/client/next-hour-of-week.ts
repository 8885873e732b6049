import { localDateTimeIn, type LocalDateTime } from './zoned-time.ts';

/**
 * The next wall-clock time after `now` that falls on an ISO weekday (1 = Monday … 7 =
 * Sunday) at a whole hour in `timeZone` — what a "suggested time" means when picked.
 *
 * @example
 * nextHourOfWeek(new Date('2026-12-01T10:00:00Z'), 'UTC', 2, 9); // '2026-12-08T09:00' (next Tuesday)
 */
export function nextHourOfWeek(now: Date, timeZone: string, weekday: number, hour: number): LocalDateTime {
  const local = localDateTimeIn(now, timeZone);
  const today = new Date(`${local.slice(0, 10)}T00:00:00Z`);
  const todayWeekday = today.getUTCDay() === 0 ? 7 : today.getUTCDay();
  const currentHour = Number(local.slice(11, 13));
  let days = (weekday - todayWeekday + 7) % 7;
  if (days === 0 && currentHour >= hour) days = 7;
  const date = new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return `${date}T${String(hour).padStart(2, '0')}:00`;
}
