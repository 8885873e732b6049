import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { resolveLocalDateTime } from './local-time';

/** More slots than this a week is a posting rate no X account keeps up by hand. */
export const MAX_POSTING_SLOTS = 50;

/** How far ahead the queue looks for a free slot before saying the queue is full. */
export const QUEUE_HORIZON_WEEKS = 52;

/** "09:00", "17:30": a wall-clock time of day, 24-hour, minutes only. */
export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day like 09:00 or 17:30 (24-hour)' });

/** A weekly slot of an account's queue: weekday 1 = Monday … 7 = Sunday, at a local time. */
export const postingSlotSchema = z.object({
  weekday: z
    .number()
    .int({ error: 'must be a weekday number from 1 (Monday) to 7 (Sunday)' })
    .min(1, { error: 'must be a weekday number from 1 (Monday) to 7 (Sunday)' })
    .max(7, { error: 'must be a weekday number from 1 (Monday) to 7 (Sunday)' }),
  localTime: localTimeSchema,
});

export type PostingSlot = z.output<typeof postingSlotSchema>;

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * The English name of weekday 1 (Monday) … 7 (Sunday), for messages.
 *
 * @example
 * weekdayName(7); // 'Sunday'
 */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? `weekday ${weekday}`;
}

/** An account's whole weekly schedule: at most {@link MAX_POSTING_SLOTS}, each weekday/time once. */
export const postingSlotsSchema = z
  .array(postingSlotSchema)
  .max(MAX_POSTING_SLOTS, { error: `A queue can have up to ${MAX_POSTING_SLOTS} slots a week.` })
  .superRefine((slots, context) => {
    const seen = new Set<string>();
    for (const [index, slot] of slots.entries()) {
      const key = `${slot.weekday} ${slot.localTime}`;
      if (seen.has(key)) {
        context.addIssue({
          code: 'custom',
          path: [index],
          message: `${weekdayName(slot.weekday)} ${slot.localTime} is in the list twice.`,
        });
      }
      seen.add(key);
    }
  });

/**
 * Slots in weekly order: Monday first, then by time of day.
 *
 * @example
 * sortPostingSlots([{ weekday: 3, localTime: '09:00' }, { weekday: 1, localTime: '17:00' }]); // Monday 17:00 first
 */
export function sortPostingSlots(slots: readonly PostingSlot[]): PostingSlot[] {
  return [...slots].sort((a, b) => a.weekday - b.weekday || a.localTime.localeCompare(b.localTime));
}

/**
 * The instants the weekly slots name after `after`, earliest first, for `weeks` weeks.
 * Each slot is its wall-clock time in `timezone` on its own day, so a 09:00 slot stays at
 * 09:00 local across daylight-saving changes; one inside a spring-forward gap moves
 * forward by the jump, and one that happens twice (clocks go back) takes the first.
 *
 * @example
 * const [first] = slotInstantsAfter([{ weekday: 1, localTime: '09:00' }], 'Europe/Berlin', new Date('2026-03-25T12:00:00Z'));
 * // first: 2026-03-30T07:00:00Z (Monday 09:00 CEST)
 */
export function* slotInstantsAfter(
  slots: readonly PostingSlot[],
  timezone: string,
  after: Date,
  weeks = QUEUE_HORIZON_WEEKS,
): Generator<Date> {
  if (slots.length === 0) return;
  const firstDay = Temporal.Instant.fromEpochMilliseconds(after.getTime()).toZonedDateTimeISO(timezone).toPlainDate();
  for (let offset = 0; offset <= weeks * 7; offset += 1) {
    const day = firstDay.add({ days: offset });
    const instants = slots
      .filter((slot) => slot.weekday === day.dayOfWeek)
      .map((slot) => resolveLocalDateTime(`${day.toString()}T${slot.localTime}`, timezone).instant.getTime())
      // A slot moved forward out of a gap can land after a later slot, or on it.
      .sort((a, b) => a - b)
      .filter((instant, index, all) => instant > after.getTime() && all.indexOf(instant) === index);
    for (const instant of instants) yield new Date(instant);
  }
}

/**
 * The next `count` slot instants after `after` (fewer when the horizon ends first).
 *
 * @example
 * nextSlotInstants([{ weekday: 1, localTime: '09:00' }], 'UTC', new Date('2026-01-01T00:00:00Z'), 2);
 * // [2026-01-05T09:00:00Z, 2026-01-12T09:00:00Z]
 */
export function nextSlotInstants(slots: readonly PostingSlot[], timezone: string, after: Date, count: number): Date[] {
  const instants: Date[] = [];
  if (count <= 0) return instants;
  for (const instant of slotInstantsAfter(slots, timezone, after)) {
    instants.push(instant);
    if (instants.length >= count) break;
  }
  return instants;
}
