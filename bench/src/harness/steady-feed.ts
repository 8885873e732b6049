import { sleep } from './wait';

export type FeedPlan = {
  /** Items per second. */
  rate: number;
  seconds: number;
  /** How far ahead of its due time each slice is written (work is scheduled, not sent late). */
  leadMs: number;
  /** Length of one slice; 100 ms gives 20 items a slice at 200/s. */
  sliceMs?: number;
};

/**
 * Feeds work at a steady rate: every slice, `write` is asked to schedule the slice's items
 * due at `dueAt`, `leadMs` ahead of time. Slices are timed against the start, so a slow
 * write does not stretch the schedule. Resolves with how many items were written.
 *
 * @example
 * await feedSteadily({ rate: 200, seconds: 60, leadMs: 1000 }, (dueAt, count) => schedulePosts(dueAt, count));
 */
export async function feedSteadily(plan: FeedPlan, write: (dueAt: Date, count: number, index: number) => Promise<void>): Promise<number> {
  const sliceMs = plan.sliceMs ?? 100;
  const slices = Math.round((plan.seconds * 1000) / sliceMs);
  const perSlice = (plan.rate * sliceMs) / 1000;
  const start = Date.now();
  let written = 0;
  const pending: Promise<void>[] = [];
  for (let slice = 0; slice < slices; slice++) {
    const writeAt = start + slice * sliceMs;
    await sleep(Math.max(0, writeAt - Date.now()));
    const count = Math.round(perSlice * (slice + 1)) - Math.round(perSlice * slice);
    pending.push(write(new Date(writeAt + plan.leadMs), count, written));
    written += count;
  }
  await Promise.all(pending);
  return written;
}
