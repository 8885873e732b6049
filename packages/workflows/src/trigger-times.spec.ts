import { describe, expect, it } from 'vitest';
import { cronProblem, nextTriggerTimes } from './trigger-times';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());
const cron = (expression: string, timezone: string) => ({ type: 'schedule' as const, params: { mode: 'cron' as const, cron: expression, timezone } });

describe('nextTriggerTimes', () => {
  it('keeps a daily 09:00 in Berlin at 09:00 local across the spring DST change', () => {
    const times = nextTriggerTimes(cron('0 9 * * *', 'Europe/Berlin'), new Date('2025-03-28T12:00:00Z'), 4);
    expect(iso(times)).toEqual(['2025-03-29T08:00:00.000Z', '2025-03-30T07:00:00.000Z', '2025-03-31T07:00:00.000Z', '2025-04-01T07:00:00.000Z']);
  });

  it('keeps weekday mornings in New York at 08:30 local across the autumn DST change', () => {
    const times = nextTriggerTimes(cron('30 8 * * 1-5', 'America/New_York'), new Date('2025-10-31T00:00:00Z'), 3);
    expect(iso(times)).toEqual(['2025-10-31T12:30:00.000Z', '2025-11-03T13:30:00.000Z', '2025-11-04T13:30:00.000Z']);
  });

  it('fires once at a wall-clock time the autumn change repeats, and after the gap the spring change skips', () => {
    const autumn = nextTriggerTimes(cron('30 2 * * *', 'Europe/Berlin'), new Date('2025-10-25T12:00:00Z'), 2);
    expect(iso(autumn)).toEqual(['2025-10-26T00:30:00.000Z', '2025-10-27T01:30:00.000Z']);
    const spring = nextTriggerTimes(cron('30 2 * * *', 'Europe/Berlin'), new Date('2025-03-29T12:00:00Z'), 2);
    expect(iso(spring)).toEqual(['2025-03-30T01:30:00.000Z', '2025-03-31T00:30:00.000Z']);
  });

  it('starts strictly after `from`', () => {
    const times = nextTriggerTimes(cron('0 9 * * *', 'UTC'), new Date('2025-06-07T09:00:00Z'), 1);
    expect(iso(times)).toEqual(['2025-06-08T09:00:00.000Z']);
  });

  it('steps a fixed interval from `from`', () => {
    const times = nextTriggerTimes({ type: 'schedule', params: { mode: 'interval', everySeconds: 3600 } }, new Date('2025-06-07T09:15:00Z'), 3);
    expect(iso(times)).toEqual(['2025-06-07T10:15:00.000Z', '2025-06-07T11:15:00.000Z', '2025-06-07T12:15:00.000Z']);
  });

  it('gives a single instant only while it is still ahead', () => {
    const once = { type: 'schedule' as const, params: { mode: 'once' as const, at: '2025-06-07T11:00:00+02:00' } };
    expect(iso(nextTriggerTimes(once, new Date('2025-06-07T08:00:00Z'), 5))).toEqual(['2025-06-07T09:00:00.000Z']);
    expect(nextTriggerTimes(once, new Date('2025-06-07T09:00:00Z'), 5)).toEqual([]);
  });

  it('has no times for event triggers', () => {
    expect(nextTriggerTimes({ type: 'webhook', params: { requireSignature: false } }, new Date(), 3)).toEqual([]);
  });

  it('explains an invalid cron expression and an unknown zone', () => {
    expect(() => nextTriggerTimes(cron('0 25 * * *', 'UTC'), new Date(), 1)).toThrow(
      /^'0 25 \* \* \*' is not a valid cron expression: .*25.*\. Write five fields/,
    );
    expect(() => nextTriggerTimes(cron('0 9 * * *', 'Berlin'), new Date(), 1)).toThrow('"Berlin" is not an IANA time zone');
  });
});

describe('cronProblem', () => {
  it('accepts a usable expression', () => {
    expect(cronProblem('0 9 * * 1-5', 'Europe/Berlin')).toBeNull();
  });

  it('refuses syntax errors and dates that never come', () => {
    expect(cronProblem('every day at 9', 'UTC')).toMatch(/^'every day at 9' is not a valid cron expression: /);
    expect(cronProblem('0 9 30 2 *', 'UTC')).toMatch(/^'0 9 30 2 \*' is not a valid cron expression: /);
  });
});
