import type { Executor } from '@tweetflow/db';
import type { LedgerDecision, TakeOptions } from './rate-limit-ledger';
import { takeEach } from './take-each';

type WaitingTake = { callerScopes: readonly string[]; now: Date; resolve: (decisions: LedgerDecision[]) => void; reject: (error: unknown) => void };

/** Takes that share an endpoint, shared scopes and keep-share, and so one statement. */
type Lane = { sending: boolean; waiting: WaitingTake[] };

/** More callers than this wait for the next statement, so one statement's locks stay brief. */
const MAX_CALLERS = 500;

// Per database handle, as the process's concurrent takes meet there.
const lanesOf = new WeakMap<Executor, Map<string, Lane>>();

/**
 * `takeEach`, with the takes a process makes at the same moment written together: a take
 * that finds its lane idle goes at once, alone; takes that arrive while one is being
 * written wait for it and then go together, in arrival order, in the next statement.
 *
 * Every call on every account takes from the same app-wide rows. Sent one statement per
 * call, concurrent takes queue on those rows' locks and PostgreSQL re-evaluates each
 * waiting statement once the lock is free: the benchmarks measured 5.6 ms of database CPU
 * per take with eight callers, against 1.4 ms with no shared row. Batched, a lane holds
 * the rows once per statement, whatever the number of callers.
 *
 * The statement decides with the latest `now` of its takes (they are milliseconds apart).
 *
 * @example
 * const decisions = await coalescedTakeEach(db, ['user:1'], ['app'], 'POST /2/tweets', now);
 */
export function coalescedTakeEach(
  db: Executor,
  callerScopes: readonly string[],
  sharedScopes: readonly string[],
  endpoint: string,
  now: Date,
  options: TakeOptions = {},
): Promise<LedgerDecision[]> {
  if (callerScopes.length === 0) return Promise.resolve([]);
  let lanes = lanesOf.get(db);
  if (!lanes) lanesOf.set(db, (lanes = new Map()));
  const key = JSON.stringify([endpoint, sharedScopes, options.keepShare ?? 0]);
  let lane = lanes.get(key);
  if (!lane) lanes.set(key, (lane = { sending: false, waiting: [] }));
  const { waiting } = lane;
  const decided = new Promise<LedgerDecision[]>((resolve, reject) => waiting.push({ callerScopes, now, resolve, reject }));
  if (!lane.sending) void sendLane(db, lane, { sharedScopes, endpoint, options });
  return decided;
}

async function sendLane(db: Executor, lane: Lane, take: { sharedScopes: readonly string[]; endpoint: string; options: TakeOptions }): Promise<void> {
  lane.sending = true;
  while (lane.waiting.length > 0) {
    const batch = nextBatch(lane.waiting);
    const now = new Date(Math.max(...batch.map((waiting) => waiting.now.getTime())));
    try {
      const decisions = await takeEach(
        db,
        batch.flatMap((waiting) => waiting.callerScopes),
        take.sharedScopes,
        take.endpoint,
        now,
        take.options,
      );
      let offset = 0;
      for (const waiting of batch) {
        waiting.resolve(decisions.slice(offset, offset + waiting.callerScopes.length));
        offset += waiting.callerScopes.length;
      }
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
  lane.sending = false;
}

/** The waiting takes for one statement: in order, at least one, at most MAX_CALLERS callers unless one take alone has more. */
function nextBatch(waiting: WaitingTake[]): WaitingTake[] {
  let callers = waiting[0]!.callerScopes.length;
  let count = 1;
  while (count < waiting.length && callers + waiting[count]!.callerScopes.length <= MAX_CALLERS) callers += waiting[count++]!.callerScopes.length;
  return waiting.splice(0, count);
}
