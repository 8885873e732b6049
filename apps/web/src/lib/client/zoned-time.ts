/**
 * Wall-clock arithmetic in IANA zones with nothing but `Intl`, so the browser can show and
 * pick times in the zone a person chose rather than the one their computer is in. The API
 * stays the authority for daylight-saving edge cases (`scheduling.resolveLocalTime`); these
 * helpers are for display, defaults and drag-and-drop.
 */

/** "2026-12-01T09:00": a date and time on a wall clock, without a zone. */
export type LocalDateTime = string;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockFields(instant: Date, timeZone: string) {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * The wall-clock time of an instant in a zone.
 *
 * @example
 * localDateTimeIn(new Date('2026-12-01T08:00:00Z'), 'Europe/Berlin'); // '2026-12-01T09:00'
 */
export function localDateTimeIn(instant: Date, timeZone: string): LocalDateTime {
  const f = wallClockFields(instant, timeZone);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}`;
}

/**
 * Minutes the zone is ahead of UTC at that instant (negative west of Greenwich).
 *
 * @example
 * zoneOffsetMinutes(new Date('2026-07-01T00:00:00Z'), 'Europe/Berlin'); // 120
 */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const f = wallClockFields(instant, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  const truncated = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - truncated) / 60_000);
}

/** "+02:00" / "-05:30", the form calendar widgets take for a fixed offset. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

function parseLocal(local: LocalDateTime): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) throw new RangeError(`Not a local date and time: ${local}`);
  const [, year, month, day, hour, minute] = match.map(Number) as number[];
  return Date.UTC(year!, month! - 1, day!, hour!, minute!);
}

/**
 * The instant a wall-clock time names in a zone, the way most calendars resolve it: a time
 * that happens twice (clocks go back) is the earlier one; a time skipped by the clocks going
 * forward moves forward by the jump (02:30 → 03:30).
 *
 * @example
 * instantOfLocal('2026-12-01T09:00', 'Europe/Berlin').toISOString(); // '2026-12-01T08:00:00.000Z'
 */
export function instantOfLocal(local: LocalDateTime, timeZone: string): Date {
  const asUtc = parseLocal(local);
  const dayMs = 86_400_000;
  const offsetBefore = zoneOffsetMinutes(new Date(asUtc - dayMs), timeZone);
  const offsetAfter = zoneOffsetMinutes(new Date(asUtc + dayMs), timeZone);
  const matches = [offsetBefore, offsetAfter]
    .map((offset) => asUtc - offset * 60_000)
    .filter((candidate) => localDateTimeIn(new Date(candidate), timeZone) === local.slice(0, 16));
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(asUtc - offsetBefore * 60_000);
}

/**
 * A Date whose *browser-local* fields spell the wall-clock time, as calendar widgets that
 * only know the browser's zone hand them back; and the reverse.
 */
export function localDateTimeOfFloating(date: Date): LocalDateTime {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Adds minutes to a wall-clock time as plain calendar arithmetic (no zone involved). */
export function addMinutesToLocal(local: LocalDateTime, minutes: number): LocalDateTime {
  const shifted = new Date(parseLocal(local) + minutes * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * An instant written for a person in a chosen zone, e.g. "Tue, 1 Dec, 09:00".
 *
 * @example
 * formatInZone(new Date('2026-12-01T08:00:00Z'), 'Europe/Berlin', { timeStyle: 'short' }); // '09:00'
 */
export function formatInZone(instant: Date, timeZone: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(instant);
}

/** The zone's short name at that instant, e.g. "CET", "GMT+9". */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(instant).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
