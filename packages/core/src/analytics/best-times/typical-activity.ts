/**
 * The prior for best posting times: how engagement on X typically varies over a week in
 * the audience's local time (weekday mornings, lunch and early evening high; nights and
 * weekends low), as relative weights around 1. It only shapes suggestions while an
 * account's own history is thin; with enough posts the account's data decides.
 */
const HOUR_WEIGHTS = [
  0.55, 0.45, 0.4, 0.4, 0.45, 0.6, 0.8, 1.0, 1.15, 1.25, 1.25, 1.2, 1.25, 1.2, 1.1, 1.05, 1.1, 1.2, 1.25, 1.2, 1.1, 0.95, 0.8, 0.65,
];
/** Monday … Sunday. */
const DAY_WEIGHTS = [1.0, 1.06, 1.06, 1.05, 0.98, 0.85, 0.85];

const MEAN = (HOUR_WEIGHTS.reduce((sum, value) => sum + value, 0) / 24) * (DAY_WEIGHTS.reduce((sum, value) => sum + value, 0) / 7);

/**
 * The typical relative engagement of an hour of the week (weekday 1 = Monday … 7 = Sunday,
 * hour 0–23 local); the average over the week is 1.
 *
 * @example
 * typicalActivity(2, 9) > typicalActivity(7, 3); // true: Tuesday 09:00 beats Sunday 03:00
 */
export function typicalActivity(weekday: number, hour: number): number {
  return ((DAY_WEIGHTS[weekday - 1] ?? 1) * (HOUR_WEIGHTS[hour] ?? 1)) / MEAN;
}
