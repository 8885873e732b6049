import { eq } from 'drizzle-orm';
import { postingSlots, xAccounts, type Executor } from '@tweetflow/db';
import type { Clock } from '../runtime/clock';
import { sortPostingSlots, type PostingSlot } from './posting-slots';
import { loadQueueAccount } from './queue-account';

/** An account's weekly queue schedule, in the zone its local times are read in. */
export type QueueSchedule = { accountId: string; timezone: string; paused: boolean; slots: PostingSlot[] };

/**
 * The account's weekly posting slots, Monday first.
 *
 * @example
 * const { timezone, slots } = await getQueueSchedule(db, { workspaceId, accountId });
 */
export async function getQueueSchedule(
  db: Executor,
  input: { workspaceId: string; accountId: string },
): Promise<QueueSchedule> {
  const account = await loadQueueAccount(db, input);
  return { accountId: account.id, timezone: account.timezone, paused: account.queuePaused, slots: await readSlots(db, account.id) };
}

/**
 * Replaces the account's weekly slots with `slots` (already validated by
 * `postingSlotsSchema`), and its zone when `timezone` is given. Posts already scheduled
 * keep their times: a schedule says where new queue posts go, not where old ones were put.
 *
 * @example
 * await setQueueSchedule(db, clock, { workspaceId, accountId, timezone: 'Europe/Berlin', slots: [{ weekday: 1, localTime: '09:00' }] });
 */
export async function setQueueSchedule(
  db: Executor,
  clock: Clock,
  input: { workspaceId: string; accountId: string; slots: PostingSlot[]; timezone?: string },
): Promise<QueueSchedule> {
  return db.transaction(async (tx) => {
    const account = await loadQueueAccount(tx, input);
    if (input.timezone && input.timezone !== account.timezone) {
      await tx.update(xAccounts).set({ timezone: input.timezone, updatedAt: clock.now() }).where(eq(xAccounts.id, account.id));
    }
    await tx.delete(postingSlots).where(eq(postingSlots.xAccountId, account.id));
    if (input.slots.length > 0) {
      await tx.insert(postingSlots).values(input.slots.map((slot) => ({ xAccountId: account.id, ...slot })));
    }
    return {
      accountId: account.id,
      timezone: input.timezone ?? account.timezone,
      paused: account.queuePaused,
      slots: sortPostingSlots(input.slots),
    };
  });
}

/**
 * The account's slots, Monday first.
 *
 * @example
 * const slots = await readSlots(db, accountId); // [{ weekday: 1, localTime: '09:00' }, …]
 */
export async function readSlots(db: Executor, accountId: string): Promise<PostingSlot[]> {
  const rows = await db
    .select({ weekday: postingSlots.weekday, localTime: postingSlots.localTime })
    .from(postingSlots)
    .where(eq(postingSlots.xAccountId, accountId));
  return sortPostingSlots(rows);
}
