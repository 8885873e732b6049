import { describe, expect, it } from 'vitest';
import { formatBytes, formatChange, formatCount, formatHourOfWeek, formatRate, formatSigned } from './analytics-format';

describe('analytics formatting', () => {
  it('writes counts, rates and changes as people read them', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(123_456, true)).toBe('123.5K');
    expect(formatCount(null)).toBe('—');
    expect(formatRate(60 / 1400)).toBe('4.29%');
    expect(formatRate(null)).toBe('—');
    expect(formatChange(-0.1428)).toBe('−14%');
    expect(formatChange(2)).toBe('+200%');
    expect(formatChange(0.001)).toBe('±0%');
    expect(formatSigned(-12)).toBe('−12');
    expect(formatBytes(12_582_912)).toBe('12.0 MB');
    expect(formatHourOfWeek(2, 9)).toBe('Tuesday 09:00');
    expect(formatHourOfWeek(7, 18, true)).toBe('Sun 18:00');
  });
});
