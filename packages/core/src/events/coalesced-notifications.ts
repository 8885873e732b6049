import { BatchLane, type Executor } from '@tweetflow/db';

type Announcement = { payloads: string[]; send: (payloads: string[]) => Promise<unknown> };

/** More notifications than this wait for the next statement. */
const MAX_PAYLOADS = 1_000;

// Per database handle, as the process's concurrent announcements meet there.
const lanesOf = new WeakMap<Executor, BatchLane<Announcement, void>>();

/**
 * Sends notifications that announce committed changes, with those a process sends at the
 * same moment going together in one statement (a `BatchLane`). Each call resolves once its
 * own notifications are sent; a batch goes out through its first call's `send` (the calls
 * on one handle all send the same way).
 *
 * Runs announce their steps and publishing announces its claims in statements of their
 * own, after the change committed: with a worker advancing dozens of runs at once, each
 * was a round trip of its own (`pnpm bench workflows`). Only for statements outside a
 * caller's transaction; a transaction's notifications go out with its commit.
 *
 * @example
 * await sendTogether(db, payloads, (batch) => db.execute(sql`select pg_notify(...) ...`));
 */
export function sendTogether(db: Executor, payloads: string[], send: (payloads: string[]) => Promise<unknown>): Promise<void> {
  let lane = lanesOf.get(db);
  if (!lane) lanesOf.set(db, (lane = new BatchLane(sendAnnouncements, { maxWeight: MAX_PAYLOADS, weigh: (announcement) => announcement.payloads.length })));
  return lane.submit({ payloads, send });
}

async function sendAnnouncements(announcements: Announcement[]): Promise<void[]> {
  await announcements[0]!.send(announcements.flatMap((announcement) => announcement.payloads));
  return announcements.map(() => undefined);
}
