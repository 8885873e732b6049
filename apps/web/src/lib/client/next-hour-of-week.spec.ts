import { describe, expect, it } from 'vitest';
import { nextHourOfWeek } from './next-hour-of-week.ts';

describe('nextHourOfWeek', () => {
  it('takes the coming weekday at that hour, in the given zone', () => {
    // Tuesday 1 December 2026, 10:00 UTC = 05:00 in New York.
    const now = new Date('2026-12-01T10:00:00Z');
    expect(nextHourOfWeek(now, 'UTC', 2, 9)).toBe('2026-12-08T09:00');
    expect(nextHourOfWeek(now, 'UTC', 2, 18)).toBe('2026-12-01T18:00');
    expect(nextHourOfWeek(now, 'America/New_York', 2, 9)).toBe('2026-12-01T09:00');
    expect(nextHourOfWeek(now, 'UTC', 1, 9)).toBe('2026-12-07T09:00');
    expect(nextHourOfWeek(now, 'Asia/Tokyo', 7, 0)).toBe('2026-12-06T00:00');
  });
});
