/** A weekly posting slot: weekday (1 = Monday … 7 = Sunday) and a local "HH:MM". */
export type WeeklySlot = { weekday: number; localTime: string };

export const WEEKDAYS = [
  { value: 1, short: 'Mon', long: 'Monday' },
  { value: 2, short: 'Tue', long: 'Tuesday' },
  { value: 3, short: 'Wed', long: 'Wednesday' },
  { value: 4, short: 'Thu', long: 'Thursday' },
  { value: 5, short: 'Fri', long: 'Friday' },
  { value: 6, short: 'Sat', long: 'Saturday' },
  { value: 7, short: 'Sun', long: 'Sunday' },
] as const;

/**
 * The distinct times of a week's slots, earliest first: the rows of the slot grid.
 *
 * @example
 * slotTimes([{ weekday: 2, localTime: '17:00' }, { weekday: 1, localTime: '09:00' }]); // ['09:00', '17:00']
 */
export function slotTimes(slots: readonly WeeklySlot[], extraTimes: readonly string[] = []): string[] {
  return [...new Set([...slots.map((slot) => slot.localTime), ...extraTimes])].sort();
}

export function hasSlot(slots: readonly WeeklySlot[], weekday: number, localTime: string): boolean {
  return slots.some((slot) => slot.weekday === weekday && slot.localTime === localTime);
}

/** The slots with one cell switched on or off, sorted Monday first, then by time. */
export function toggleSlot(slots: readonly WeeklySlot[], weekday: number, localTime: string): WeeklySlot[] {
  const next = hasSlot(slots, weekday, localTime)
    ? slots.filter((slot) => !(slot.weekday === weekday && slot.localTime === localTime))
    : [...slots, { weekday, localTime }];
  return sortSlots(next);
}

/** A time added on the given weekdays (every day by default), without duplicates. */
export function addTime(slots: readonly WeeklySlot[], localTime: string, weekdays: readonly number[] = [1, 2, 3, 4, 5, 6, 7]): WeeklySlot[] {
  const added = weekdays.filter((weekday) => !hasSlot(slots, weekday, localTime)).map((weekday) => ({ weekday, localTime }));
  return sortSlots([...slots, ...added]);
}

export function removeTime(slots: readonly WeeklySlot[], localTime: string): WeeklySlot[] {
  return slots.filter((slot) => slot.localTime !== localTime);
}

function sortSlots(slots: WeeklySlot[]): WeeklySlot[] {
  return slots.sort((a, b) => a.weekday - b.weekday || a.localTime.localeCompare(b.localTime));
}
