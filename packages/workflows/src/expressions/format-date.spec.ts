import { describe, expect, it } from 'vitest';
import { formatDate, isTimeZone } from './format-date';

describe('formatDate', () => {
  it('formats wall-clock time in the zone, across a DST change', () => {
    expect(formatDate('2025-03-29T08:00:00Z', 'YYYY-MM-DD HH:mm Z', 'Europe/Berlin')).toBe('2025-03-29 09:00 +01:00');
    expect(formatDate('2025-03-31T08:00:00Z', 'YYYY-MM-DD HH:mm Z', 'Europe/Berlin')).toBe('2025-03-31 10:00 +02:00');
  });

  it('knows names, 12-hour clocks, short forms and zone abbreviations', () => {
    const instant = Date.UTC(2025, 5, 7, 21, 5, 9);
    expect(formatDate(instant, 'dddd ddd D/M/YY MMMM MMM h:mm:ss A a hh H z', 'America/New_York')).toBe('Saturday Sat 7/6/25 June Jun 5:05:09 PM pm 05 17 EDT');
    expect(formatDate(instant, 'HH:mm z', 'Europe/London')).toBe('22:05 BST');
    expect(formatDate(instant, 'Z', 'UTC')).toBe('+00:00');
  });

  it('copies bracketed text and anything that is not a token', () => {
    expect(formatDate('2025-06-07T07:30:00Z', '[Today is] dddd, [at] HH:mm!', 'Europe/Berlin')).toBe('Today is Saturday, at 09:30!');
  });

  it('says what it needs when the date or the zone is wrong', () => {
    expect(() => formatDate('next friday', 'YYYY')).toThrow('formatDate cannot read "next friday" as a date; pass an ISO 8601 string');
    expect(() => formatDate(0, 'YYYY', 'CEST')).toThrow('formatDate: "CEST" is not an IANA time zone; use a name like Europe/Berlin');
  });
});

describe('isTimeZone', () => {
  it('accepts IANA names and refuses abbreviations and typos', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('CEST')).toBe(false);
    expect(isTimeZone('Europe/Berlinn')).toBe(false);
  });
});
