import { BatchLane, type Executor } from '@tweetflow/db';
import type { TakeDecision, TakeOptions } from './rate-limit-ledger';
import { takeEach } from './take-each';

type Take = { callerScopes: readonly string[]; now: Date };

/** More callers than this wait for the next statement, so one statement's locks stay brief. */
const MAX_CALLERS = 500;

// Per database handle and lane key, as the process's concurrent takes meet there.
const lanesOf = new WeakMap<Executor, Map<string, BatchLane<Take, TakeDecision[]>>>();

/**
 * `takeEach`, with the takes a process makes at the same moment written together in one
 * statement (a `BatchLane` per endpoint, shared scopes and keep-share).
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
): Promise<TakeDecision[]> {
  if (callerScopes.length === 0) return Promise.resolve([]);
  let lanes = lanesOf.get(db);
  if (!lanes) lanesOf.set(db, (lanes = new Map()));
  const key = JSON.stringify([endpoint, sharedScopes, options.keepShare ?? 0]);
  let lane = lanes.get(key);
  if (!lane) {
    lane = new BatchLane((takes: Take[]) => takeTogether(db, takes, { sharedScopes, endpoint, options }), { maxWeight: MAX_CALLERS, weigh: (take) => take.callerScopes.length });
    lanes.set(key, lane);
  }
  return lane.submit({ callerScopes, now });
}

async function takeTogether(db: Executor, takes: Take[], take: { sharedScopes: readonly string[]; endpoint: string; options: TakeOptions }): Promise<TakeDecision[][]> {
  const now = new Date(Math.max(...takes.map((waiting) => waiting.now.getTime())));
  const decisions = await takeEach(db, takes.flatMap((waiting) => waiting.callerScopes), take.sharedScopes, take.endpoint, now, take.options);
  let offset = 0;
  return takes.map((waiting) => decisions.slice(offset, (offset += waiting.callerScopes.length)));
}
