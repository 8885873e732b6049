import { describe, expect, it } from 'vitest';
import { addMinutesToLocal, formatOffset, instantOfLocal, localDateTimeIn, localDateTimeOfFloating, zoneOffsetMinutes } from './zoned-time';

describe('wall clocks in a zone', () => {
  it('reads the wall clock of an instant in any zone', () => {
    const instant = new Date('2026-12-01T08:00:00Z');
    expect(localDateTimeIn(instant, 'Europe/Berlin')).toBe('2026-12-01T09:00');
    expect(localDateTimeIn(instant, 'America/New_York')).toBe('2026-12-01T03:00');
    expect(localDateTimeIn(instant, 'Asia/Kolkata')).toBe('2026-12-01T13:30');
    expect(localDateTimeIn(new Date('2026-12-01T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-12-02T08:30');
  });

  it('knows the offset, summer and winter', () => {
    expect(zoneOffsetMinutes(new Date('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(zoneOffsetMinutes(new Date('2026-01-01T00:00:00Z'), 'Europe/Berlin')).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-01-01T00:00:00Z'), 'America/St_Johns')).toBe(-210);
    expect(formatOffset(-210)).toBe('-03:30');
    expect(formatOffset(120)).toBe('+02:00');
  });

  it('turns a wall-clock time into the instant it names', () => {
    expect(instantOfLocal('2026-12-01T09:00', 'Europe/Berlin').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(instantOfLocal('2026-07-01T09:00', 'America/Los_Angeles').toISOString()).toBe('2026-07-01T16:00:00.000Z');
  });

  it('moves a time the clocks skip forward by the jump, and picks the earlier of a repeated time', () => {
    // Berlin, 29 March 2026: 02:00 → 03:00. 25 October 2026: 03:00 → 02:00.
    expect(instantOfLocal('2026-03-29T02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantOfLocal('2026-10-25T02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips through the browser-local dates a calendar widget hands back', () => {
    expect(localDateTimeOfFloating(new Date(2026, 11, 1, 9, 5))).toBe('2026-12-01T09:05');
  });

  it('adds minutes across a day boundary', () => {
    expect(addMinutesToLocal('2026-12-31T23:30', 45)).toBe('2027-01-01T00:15');
  });
});
