import { describe, expect, it } from 'vitest';
import { matchingPreset, RANGE_PRESETS, shiftDay, todayIn } from './date-presets';

const today = '2026-03-09';
const preset = (id: string) => RANGE_PRESETS.find((candidate) => candidate.id === id)!.range(today);

describe('date range presets', () => {
  it('count whole local days back from today, both ends included', () => {
    expect(preset('7d')).toEqual({ from: '2026-03-03', to: '2026-03-09' });
    expect(preset('28d')).toEqual({ from: '2026-02-10', to: '2026-03-09' });
    expect(preset('month')).toEqual({ from: '2026-03-01', to: '2026-03-09' });
    expect(preset('last-month')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(matchingPreset({ from: '2026-03-03', to: '2026-03-09' }, today)?.label).toBe('Last 7 days');
    expect(matchingPreset({ from: '2026-03-04', to: '2026-03-09' }, today)).toBeUndefined();
  });

  it('knows today in the workspace’s zone, not the browser’s', () => {
    const lateInUtc = new Date('2026-03-09T23:30:00Z');
    expect(todayIn('UTC', lateInUtc)).toBe('2026-03-09');
    expect(todayIn('Asia/Tokyo', lateInUtc)).toBe('2026-03-10');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
  });
});
