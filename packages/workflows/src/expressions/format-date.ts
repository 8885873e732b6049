/**
 * Tokens `formatDate` understands; anything else is copied as is, and text in `[brackets]`
 * is copied without the brackets (so `[at] HH:mm` gives "at 09:30").
 */
export const DATE_PATTERN_TOKENS = {
  YYYY: 'year, 4 digits (2025)',
  YY: 'year, 2 digits (25)',
  MMMM: 'month name (June)',
  MMM: 'short month name (Jun)',
  MM: 'month, 2 digits (06)',
  M: 'month (6)',
  DD: 'day of the month, 2 digits (07)',
  D: 'day of the month (7)',
  dddd: 'weekday name (Saturday)',
  ddd: 'short weekday name (Sat)',
  HH: 'hour 00–23',
  H: 'hour 0–23',
  hh: 'hour 01–12',
  h: 'hour 1–12',
  mm: 'minutes, 2 digits',
  ss: 'seconds, 2 digits',
  A: 'AM or PM',
  a: 'am or pm',
  Z: 'offset from UTC (+02:00)',
  z: 'zone abbreviation (CEST, or GMT+2 where the zone has none)',
} as const;

const TOKEN_PATTERN = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|ss|A|a|Z|z/g;

type Fields = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> & {
  monthName: string;
  monthShort: string;
  weekday: string;
  weekdayShort: string;
  offset: string;
  zoneName: string;
};

/**
 * Formats an instant as wall-clock time in an IANA time zone, with a moment.js-style
 * pattern (see `DATE_PATTERN_TOKENS`). English month and weekday names.
 *
 * @example
 * formatDate('2025-06-07T07:30:00Z', 'dddd D MMMM, HH:mm', 'Europe/Berlin'); // 'Saturday 7 June, 09:30'
 * formatDate(0, 'YYYY-MM-DD [at] h:mm a'); // '1970-01-01 at 12:00 am'
 */
export function formatDate(instant: string | number, pattern: string, timezone = 'UTC'): string {
  const date = new Date(instant);
  if (typeof instant === 'string' && instant.trim() === '') throw new Error('formatDate needs a date; got an empty string.');
  if (Number.isNaN(date.getTime())) {
    throw new Error(`formatDate cannot read ${JSON.stringify(instant)} as a date; pass an ISO 8601 string (2025-06-07T09:30:00Z) or milliseconds since 1970.`);
  }
  const fields = zonedFields(date, timezone);
  return pattern.replace(TOKEN_PATTERN, (token, literal: string | undefined) => literal ?? formatToken(token, fields));
}

/**
 * Whether the name is an IANA time zone this runtime knows.
 *
 * @example
 * isTimeZone('Europe/Berlin'); // true
 * isTimeZone('CEST'); // false
 */
export function isTimeZone(name: string): boolean {
  if (!name.includes('/') && name !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function formatToken(token: string, fields: Fields): string {
  const twoDigits = (value: number) => String(value).padStart(2, '0');
  const hour12 = fields.hour % 12 === 0 ? 12 : fields.hour % 12;
  switch (token) {
    case 'YYYY': return String(fields.year).padStart(4, '0');
    case 'YY': return twoDigits(fields.year % 100);
    case 'MMMM': return fields.monthName;
    case 'MMM': return fields.monthShort;
    case 'MM': return twoDigits(fields.month);
    case 'M': return String(fields.month);
    case 'DD': return twoDigits(fields.day);
    case 'D': return String(fields.day);
    case 'dddd': return fields.weekday;
    case 'ddd': return fields.weekdayShort;
    case 'HH': return twoDigits(fields.hour);
    case 'H': return String(fields.hour);
    case 'hh': return twoDigits(hour12);
    case 'h': return String(hour12);
    case 'mm': return twoDigits(fields.minute);
    case 'ss': return twoDigits(fields.second);
    case 'A': return fields.hour < 12 ? 'AM' : 'PM';
    case 'a': return fields.hour < 12 ? 'am' : 'pm';
    case 'Z': return fields.offset;
    default: return fields.zoneName;
  }
}

function zonedFields(date: Date, timezone: string): Fields {
  if (!isTimeZone(timezone)) {
    throw new Error(`formatDate: "${timezone}" is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC.`);
  }
  const part = (options: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes) =>
    new Intl.DateTimeFormat('en-US', { timeZone: timezone, ...options }).formatToParts(date).find((p) => p.type === type)?.value ?? '';
  const numeric = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  const number = (type: Intl.DateTimeFormatPartTypes) => Number(numeric.find((p) => p.type === type)?.value);
  const offsetName = part({ timeZoneName: 'longOffset' }, 'timeZoneName');
  return {
    year: number('year'),
    month: number('month'),
    day: number('day'),
    hour: number('hour'),
    minute: number('minute'),
    second: number('second'),
    monthName: part({ month: 'long' }, 'month'),
    monthShort: part({ month: 'short' }, 'month'),
    weekday: part({ weekday: 'long' }, 'weekday'),
    weekdayShort: part({ weekday: 'short' }, 'weekday'),
    // Intl writes UTC itself as "GMT" and other zones as "GMT+02:00".
    offset: offsetName === 'GMT' ? '+00:00' : offsetName.replace('GMT', ''),
    zoneName: zoneAbbreviation(date, timezone),
  };
}

/** en-US knows American abbreviations (EDT), en-GB European ones (CEST, BST); elsewhere both say GMT+9. */
function zoneAbbreviation(date: Date, timezone: string): string {
  const names = ['en-US', 'en-GB'].map(
    (locale) =>
      new Intl.DateTimeFormat(locale, { timeZone: timezone, timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '',
  );
  return names.find((name) => !name.startsWith('GMT')) ?? names[0]!;
}
