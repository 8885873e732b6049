import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { timezoneSchema } from '../posts/post-input';
import { resolveLocalDateTime } from './local-time';
import { localTimeSchema, weekdayName } from './posting-slots';

/** A series makes at most this many posts… */
export const MAX_OCCURRENCES = 366;
/** …within this many years of its start. */
export const MAX_SERIES_YEARS = 2;

/** "2026-12-01": a calendar date that exists. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2026-12-01' })
  .refine(isCalendarDate, { error: 'is not a date in the calendar' });

const weekdaySchema = z
  .number()
  .int()
  .min(1, { error: 'weekdays are numbered 1 (Monday) to 7 (Sunday)' })
  .max(7, { error: 'weekdays are numbered 1 (Monday) to 7 (Sunday)' });

const recurrenceShape = z.object({
  every: z
    .number()
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(52, { error: 'must be at most 52' }),
  unit: z.enum(['day', 'week'], { error: 'must be "day" or "week"' }),
  /** For weekly rules: which days of the week; the start date's weekday when left out. */
  weekdays: z.array(weekdaySchema).min(1, { error: 'choose at least one weekday' }).optional(),
  time: localTimeSchema,
  timezone: timezoneSchema,
  startDate: calendarDateSchema,
  end: z.discriminatedUnion(
    'kind',
    [
      z.object({
        kind: z.literal('count'),
        count: z
          .number()
          .int({ error: 'must be a whole number' })
          .min(1, { error: 'must be at least 1' })
          .max(MAX_OCCURRENCES, { error: `must be at most ${MAX_OCCURRENCES}` }),
      }),
      z.object({ kind: z.literal('until'), date: calendarDateSchema }),
    ],
    { error: 'choose how the series ends: after a number of posts, or on a date' },
  ),
});

export type RecurrenceRule = z.output<typeof recurrenceShape>;

/**
 * A repeating schedule as a person chooses it: "every 2 weeks on Monday and Thursday at
 * 09:00 Europe/Berlin from 2026-12-01, 10 times". At most 366 posts within 2 years.
 */
export const recurrenceRuleSchema = recurrenceShape.superRefine(
  (rule, context) => {
    for (const problem of recurrenceProblems(rule)) context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  },
  // The whole-rule checks read the dates and counts, so they wait for every field to be valid.
  { when: (payload) => payload.issues.length === 0 },
);

/**
 * The instants of every occurrence, earliest first. Each is the rule's wall-clock time in
 * its zone on its own day, so 09:00 stays 09:00 local across daylight-saving changes; a
 * time inside a spring-forward gap moves forward by the jump, and a time that happens twice
 * takes the first. Expects a rule accepted by `recurrenceRuleSchema`.
 *
 * @example
 * expandRecurrence({ every: 1, unit: 'day', time: '09:00', timezone: 'Europe/Berlin', startDate: '2026-10-24', end: { kind: 'count', count: 2 } });
 * // [2026-10-24T07:00:00Z, 2026-10-25T08:00:00Z]
 */
export function expandRecurrence(rule: RecurrenceRule): Date[] {
  return occurrenceDates(rule).dates.map((date) => resolveLocalDateTime(`${date.toString()}T${rule.time}`, rule.timezone).instant);
}

/**
 * The rule in a sentence, for series lists.
 *
 * @example
 * describeRecurrence({ every: 2, unit: 'week', weekdays: [1, 4], time: '09:00', timezone: 'Europe/Berlin', startDate: '2026-12-01', end: { kind: 'count', count: 10 } });
 * // 'Every 2 weeks on Monday and Thursday at 09:00 (Europe/Berlin), from 2026-12-01, 10 times'
 */
export function describeRecurrence(rule: RecurrenceRule): string {
  const interval = rule.every === 1 ? `Every ${rule.unit}` : `Every ${rule.every} ${rule.unit}s`;
  const days = rule.unit === 'week' ? ` on ${listWords(weekdaysOf(rule).map(weekdayName))}` : '';
  const end = rule.end.kind === 'count' ? `${rule.end.count} ${rule.end.count === 1 ? 'time' : 'times'}` : `until ${rule.end.date}`;
  return `${interval}${days} at ${rule.time} (${rule.timezone}), from ${rule.startDate}, ${end}`;
}

type RuleProblem = { path: (string | number)[]; message: string };

function recurrenceProblems(rule: RecurrenceRule): RuleProblem[] {
  if (rule.unit === 'day' && rule.weekdays) {
    return [{ path: ['weekdays'], message: 'Weekdays apply to weekly series only; remove them or repeat every week.' }];
  }
  if (rule.weekdays && new Set(rule.weekdays).size !== rule.weekdays.length) {
    return [{ path: ['weekdays'], message: 'Each weekday can be chosen once.' }];
  }
  const start = Temporal.PlainDate.from(rule.startDate);
  const latest = start.add({ years: MAX_SERIES_YEARS });
  if (rule.end.kind === 'until') {
    const until = Temporal.PlainDate.from(rule.end.date);
    if (Temporal.PlainDate.compare(until, start) < 0) {
      return [{ path: ['end', 'date'], message: `The end date ${rule.end.date} is before the start date ${rule.startDate}.` }];
    }
    if (Temporal.PlainDate.compare(until, latest) > 0) {
      return [{ path: ['end', 'date'], message: `A series can run for up to ${MAX_SERIES_YEARS} years; end it on ${latest.toString()} or earlier.` }];
    }
  }
  const { dates, complete } = occurrenceDates(rule);
  if (!complete && rule.end.kind === 'count') {
    return [
      {
        path: ['end', 'count'],
        message: `${rule.end.count} posts at this interval would run past ${latest.toString()}, more than ${MAX_SERIES_YEARS} years after the start; choose fewer posts or a shorter interval.`,
      },
    ];
  }
  if (!complete) {
    return [
      {
        path: ['end', 'date'],
        message: `This series would make more than ${MAX_OCCURRENCES} posts; choose an earlier end date or a longer interval.`,
      },
    ];
  }
  if (dates.length === 0) return [{ path: ['end'], message: 'This series makes no posts; move the end date after the first weekday chosen.' }];
  return [];
}

/**
 * The calendar dates of the occurrences; `complete` is false when the series would need
 * more than {@link MAX_OCCURRENCES} posts or more than {@link MAX_SERIES_YEARS} years.
 */
function occurrenceDates(rule: RecurrenceRule): { dates: Temporal.PlainDate[]; complete: boolean } {
  const start = Temporal.PlainDate.from(rule.startDate);
  const latest = start.add({ years: MAX_SERIES_YEARS });
  const last = rule.end.kind === 'until' ? Temporal.PlainDate.from(rule.end.date) : latest;
  const wanted = rule.end.kind === 'count' ? rule.end.count : MAX_OCCURRENCES + 1;
  const dates: Temporal.PlainDate[] = [];
  for (const date of candidateDates(rule, start)) {
    if (Temporal.PlainDate.compare(date, last) > 0) break;
    dates.push(date);
    if (dates.length >= wanted) break;
  }
  const complete = rule.end.kind === 'count' ? dates.length === rule.end.count : dates.length <= MAX_OCCURRENCES;
  return { dates, complete };
}

/** Every date the interval and weekdays allow from `start` on, without end. */
function* candidateDates(rule: RecurrenceRule, start: Temporal.PlainDate): Generator<Temporal.PlainDate> {
  if (rule.unit === 'day') {
    yield* everyNthDay(start, rule.every);
    return;
  }
  const weekdays = weekdaysOf(rule);
  // Weeks count from the Monday of the start date's week, so "every 2 weeks on Mon and
  // Thu" started on a Thursday keeps Monday and Thursday in the same weeks.
  const firstMonday = start.subtract({ days: start.dayOfWeek - 1 });
  for (let monday = firstMonday; ; monday = monday.add({ weeks: rule.every })) {
    for (const weekday of weekdays) {
      const date = monday.add({ days: weekday - 1 });
      if (Temporal.PlainDate.compare(date, start) >= 0) yield date;
    }
  }
}

function* everyNthDay(start: Temporal.PlainDate, every: number): Generator<Temporal.PlainDate> {
  for (let date = start; ; date = date.add({ days: every })) yield date;
}

function weekdaysOf(rule: RecurrenceRule): number[] {
  return [...new Set(rule.weekdays ?? [Temporal.PlainDate.from(rule.startDate).dayOfWeek])].sort((a, b) => a - b);
}

function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function isCalendarDate(value: string): boolean {
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}
