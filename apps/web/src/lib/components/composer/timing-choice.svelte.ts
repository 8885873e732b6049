import type { LocalTimeResolution, PublishTimingInput, RecurrenceRuleInput } from '#lib/client/publishing-types.ts';
import { addMinutesToLocal, instantOfLocal, localDateTimeIn } from '#lib/client/zoned-time.ts';

export type TimingMode = 'at' | 'queue' | 'now' | 'draft';

export type RepeatChoice = {
  enabled: boolean;
  every: number;
  unit: 'day' | 'week';
  /** 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  end: 'count' | 'until';
  count: number;
  until: string;
};

/** What the submit button says for each choice. */
export const ACTION_LABELS: Record<TimingMode, string> = {
  at: 'Schedule',
  queue: 'Add to queue',
  now: 'Post now',
  draft: 'Save draft',
};

/**
 * When a post should go out, as chosen in the composer: a time in a zone (optionally
 * repeating), the account's next queue slot, right away, or not yet (draft). Also holds
 * what the API said about the choice (daylight-saving resolution, next slot, quota), so
 * the page can warn before saving.
 */
export class TimingChoice {
  mode = $state<TimingMode>('at');
  date = $state('');
  time = $state('');
  timezone = $state('UTC');
  repeatedTime = $state<'earlier' | 'later'>('earlier');
  repeat = $state<RepeatChoice>({ enabled: false, every: 1, unit: 'week', weekdays: [], end: 'count', count: 4, until: '' });

  resolution = $state<LocalTimeResolution | null>(null);
  nextSlot = $state<Date | null>(null);
  forecastWarning = $state<string | null>(null);

  readonly localDateTime = $derived(this.date && this.time ? `${this.date}T${this.time}` : '');

  /** The instant the chosen time names: the API's answer when it has one, else the browser's. */
  readonly instant = $derived.by((): Date | null => {
    if (this.mode !== 'at' || !this.localDateTime) return null;
    if (this.resolution) return this.resolution.instant;
    try {
      return instantOfLocal(this.localDateTime, this.timezone);
    } catch {
      return null;
    }
  });

  constructor(timezone: string) {
    this.timezone = timezone;
  }

  /** Sets the time to a wall-clock time in a zone, e.g. from `?at=` or a saved post. */
  setLocal(local: string, timezone: string): void {
    this.timezone = timezone;
    this.date = local.slice(0, 10);
    this.time = local.slice(11, 16);
  }

  /** The next full hour at least 30 minutes away, a sensible default for a new post. */
  setDefaultTime(now: Date): void {
    const local = localDateTimeIn(now, this.timezone);
    const nextHour = addMinutesToLocal(`${local.slice(0, 13)}:00`, 60);
    const minutesAway = (instantOfLocal(nextHour, this.timezone).getTime() - now.getTime()) / 60_000;
    this.setLocal(minutesAway < 30 ? addMinutesToLocal(nextHour, 60) : nextHour, this.timezone);
  }

  toTiming(): PublishTimingInput {
    if (this.mode === 'at') return { kind: 'at', localDateTime: this.localDateTime, timezone: this.timezone, repeatedTime: this.repeatedTime };
    return { kind: this.mode };
  }

  /** The recurrence rule when "Repeat" is on, starting at the chosen date and time. */
  toRule(): RecurrenceRuleInput {
    const { every, unit, weekdays, end, count, until } = this.repeat;
    return {
      every,
      unit,
      weekdays: unit === 'week' && weekdays.length > 0 ? [...weekdays].sort() : undefined,
      time: this.time,
      timezone: this.timezone,
      startDate: this.date,
      end: end === 'count' ? { kind: 'count', count } : { kind: 'until', date: until },
    };
  }

  /** Why the choice cannot be saved as it is, or null. */
  problem(now: Date): string | null {
    if (this.mode !== 'at') return null;
    if (!this.date || !this.time) return 'Choose a date and a time.';
    if (this.instant && this.instant.getTime() < now.getTime()) return 'That time has already passed; choose a later one or post now.';
    if (this.repeat.enabled && this.repeat.end === 'until' && !this.repeat.until) return 'Choose the date the series ends.';
    return null;
  }
}
