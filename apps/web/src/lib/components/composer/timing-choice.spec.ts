import { describe, expect, it } from 'vitest';
import { TimingChoice } from './timing-choice.svelte.ts';

describe('when a post goes out', () => {
  it('defaults to the next full hour at least half an hour away, in the chosen zone', () => {
    const choice = new TimingChoice('Europe/Berlin');
    choice.setDefaultTime(new Date('2026-12-01T08:10:00Z')); // 09:10 in Berlin
    expect(`${choice.date}T${choice.time}`).toBe('2026-12-01T10:00');
    choice.setDefaultTime(new Date('2026-12-01T08:40:00Z')); // 09:40: 10:00 is too close
    expect(`${choice.date}T${choice.time}`).toBe('2026-12-01T11:00');
  });

  it('sends the wall-clock time with its zone, and the choice for a repeated hour', () => {
    const choice = new TimingChoice('UTC');
    choice.setLocal('2026-10-25T02:30', 'Europe/Berlin');
    choice.repeatedTime = 'later';
    expect(choice.toTiming()).toEqual({ kind: 'at', localDateTime: '2026-10-25T02:30', timezone: 'Europe/Berlin', repeatedTime: 'later' });
    choice.mode = 'queue';
    expect(choice.toTiming()).toEqual({ kind: 'queue' });
  });

  it('refuses a time that has passed, and a series without its end date', () => {
    const choice = new TimingChoice('Europe/Berlin');
    choice.setLocal('2026-12-01T09:00', 'Europe/Berlin');
    expect(choice.problem(new Date('2026-12-01T09:00:00Z'))).toContain('already passed');
    expect(choice.problem(new Date('2026-12-01T07:00:00Z'))).toBeNull();
    choice.repeat.enabled = true;
    choice.repeat.end = 'until';
    expect(choice.problem(new Date('2026-12-01T07:00:00Z'))).toContain('ends');
  });

  it('builds a repeat rule from the chosen date and time', () => {
    const choice = new TimingChoice('Europe/Berlin');
    choice.setLocal('2026-12-01T09:00', 'Europe/Berlin');
    Object.assign(choice.repeat, { enabled: true, every: 2, unit: 'week', weekdays: [4, 1], end: 'count', count: 6 });
    expect(choice.toRule()).toEqual({
      every: 2,
      unit: 'week',
      weekdays: [1, 4],
      time: '09:00',
      timezone: 'Europe/Berlin',
      startDate: '2026-12-01',
      end: { kind: 'count', count: 6 },
    });
  });
});
