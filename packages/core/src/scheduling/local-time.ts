import { Temporal } from 'temporal-polyfill';

/**
 * How a wall-clock time maps to an instant in a zone: `exact` (once), `gap` (the clocks
 * jump over it, e.g. 02:30 on the spring-forward night; it is moved forward by the
 * jump), or `overlap` (it happens twice when the clocks go back; `earlier`/`later` pick one).
 */
export type LocalTimeResolution =
  | { kind: 'exact'; instant: Date }
  | { kind: 'gap'; instant: Date; message: string }
  | { kind: 'overlap'; instant: Date; earlier: Date; later: Date; message: string };

/**
 * Turns "2026-12-01T09:00" in "Europe/Berlin" into the instant it names, and says when
 * the time falls into a daylight-saving change so the UI can warn.
 *
 * @example
 * resolveLocalDateTime('2026-03-29T02:30', 'Europe/Berlin');
 * // { kind: 'gap', instant: 2026-03-29T01:30:00Z, message: '02:30 does not exist … 03:30 …' }
 */
export function resolveLocalDateTime(
  localDateTime: string,
  timezone: string,
  repeatedTime: 'earlier' | 'later' = 'earlier',
): LocalTimeResolution {
  const wallClock = Temporal.PlainDateTime.from(localDateTime);
  const earlier = wallClock.toZonedDateTime(timezone, { disambiguation: 'earlier' });
  const later = wallClock.toZonedDateTime(timezone, { disambiguation: 'later' });
  if (earlier.epochMilliseconds === later.epochMilliseconds) {
    return { kind: 'exact', instant: new Date(earlier.epochMilliseconds) };
  }
  const time = wallClock.toPlainTime().toString({ smallestUnit: 'minute' });
  // In a gap `later` lands after the jump (02:30 → 03:30); in an overlap both are real.
  if (earlier.toPlainDateTime().equals(wallClock) && later.toPlainDateTime().equals(wallClock)) {
    const chosen = repeatedTime === 'earlier' ? earlier : later;
    return {
      kind: 'overlap',
      instant: new Date(chosen.epochMilliseconds),
      earlier: new Date(earlier.epochMilliseconds),
      later: new Date(later.epochMilliseconds),
      message: `${time} happens twice on ${wallClock.toPlainDate().toString()} in ${timezone} (the clocks go back); using the ${repeatedTime} one (UTC${chosen.offset}).`,
    };
  }
  const shifted = wallClock.toZonedDateTime(timezone, { disambiguation: 'compatible' });
  return {
    kind: 'gap',
    instant: new Date(shifted.epochMilliseconds),
    message: `${time} does not exist on ${wallClock.toPlainDate().toString()} in ${timezone} (the clocks go forward); it will post at ${shifted.toPlainTime().toString({ smallestUnit: 'minute' })}.`,
  };
}

/**
 * The wall-clock time of an instant in a zone, as "YYYY-MM-DDTHH:MM".
 *
 * @example
 * localDateTimeOf(new Date('2026-12-01T08:00:00Z'), 'Europe/Berlin'); // '2026-12-01T09:00'
 */
export function localDateTimeOf(instant: Date, timezone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timezone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
}
