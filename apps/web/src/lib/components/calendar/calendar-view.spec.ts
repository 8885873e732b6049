import { describe, expect, it } from 'vitest';
import { isCalendarView, stepDate } from './calendar-view';

describe('calendar navigation', () => {
  it('steps months from the first of the month, so short months are not skipped', () => {
    expect(stepDate('2026-01-31', 'month', 1)).toBe('2026-02-01');
    expect(stepDate('2026-01-15', 'list', -1)).toBe('2025-12-01');
  });

  it('steps weeks by seven days across a year', () => {
    expect(stepDate('2026-12-29', 'week', 1)).toBe('2027-01-05');
  });

  it('accepts only its own view names from the URL', () => {
    expect(isCalendarView('week')).toBe(true);
    expect(isCalendarView('year')).toBe(false);
    expect(isCalendarView(null)).toBe(false);
  });
});
