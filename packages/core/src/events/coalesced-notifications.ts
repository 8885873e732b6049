import type { Executor } from '@tweetflow/db';

type Waiting = { payloads: string[]; resolve: () => void; reject: (error: unknown) => void };
type Lane = { sending: boolean; waiting: Waiting[] };

/** More notifications than this wait for the next statement. */
const MAX_PAYLOADS = 1_000;

// Per database handle, as the process's concurrent announcements meet there.
const lanesOf = new WeakMap<Executor, Lane>();

/**
 * Sends notifications that announce committed changes, with those a process sends at the
 * same moment going together: a call that finds the lane idle goes at once, alone; calls
 * that arrive while one is being sent wait for it and then go together, in arrival order,
 * in the next statement. Each call resolves once its own notifications are sent.
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
  if (!lane) lanesOf.set(db, (lane = { sending: false, waiting: [] }));
  const sent = new Promise<void>((resolve, reject) => lane.waiting.push({ payloads, resolve, reject }));
  if (!lane.sending) void sendLane(lane, send);
  return sent;
}

async function sendLane(lane: Lane, send: (payloads: string[]) => Promise<unknown>): Promise<void> {
  lane.sending = true;
  while (lane.waiting.length > 0) {
    const batch = nextBatch(lane.waiting);
    try {
      await send(batch.flatMap((waiting) => waiting.payloads));
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
  lane.sending = false;
}

/** The waiting calls for one statement: in order, at least one, at most MAX_PAYLOADS notifications unless one call alone has more. */
function nextBatch(waiting: Waiting[]): Waiting[] {
  let payloads = waiting[0]!.payloads.length;
  let count = 1;
  while (count < waiting.length && payloads + waiting[count]!.payloads.length <= MAX_PAYLOADS) payloads += waiting[count++]!.payloads.length;
  return waiting.splice(0, count);
}
