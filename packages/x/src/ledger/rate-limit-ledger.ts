import { asc, eq, sql } from 'drizzle-orm';
import { xRateLimitWindows, type Executor } from '@tweetflow/db';
import { recordEach, type WindowObservation } from './record-each';
import { coalescedTakeEach } from './coalesced-takes';
import { releaseUnits } from './release-units';

/** One window as X reports it in `x-rate-limit-*` headers; `reset` is in epoch seconds. */
export type RateLimitHeaders = { limit: number; remaining: number; reset: number };

/** What twitter-api-v2 reads from a response: the main window plus X's 24-hour app window. */
export type ObservedRateLimit = RateLimitHeaders & { day?: RateLimitHeaders };

/** The answer to "may this call be sent now?". */
export type LedgerDecision = { ok: true } | { ok: false; retryAt: Date };

/** A window a granted call took its unit from; the reset tells this window from the next one of its scope. */
export type TakenWindow = { scope: string; resetAt: Date };

/**
 * `takeEach`'s answer for one call: a grant names the windows its unit came from, so a call
 * that ends up never sent can give the unit back (`release`).
 */
export type LedgerGrant = { ok: true; taken: readonly TakenWindow[] };
export type TakeDecision = LedgerGrant | { ok: false; retryAt: Date };

/**
 * How much of each window a caller must leave for others: with `keepShare` 0.5 a unit is
 * only taken while more than half the window's limit remains. Background work (metrics
 * polling) passes a share so it can never use up what publishing needs.
 */
export type TakeOptions = { keepShare?: number };

/** A window as the account status page shows it. */
export type RateLimitWindowView = { endpoint: string; limit: number; remaining: number; resetAt: Date };

/** The scope shared by every account of the app (X's `x-app-limit-24hour-*` windows). */
export const APP_SCOPE = 'app';

/**
 * The ledger scope of one X user's windows.
 *
 * @example
 * userScope('1849'); // 'user:1849'
 */
export function userScope(xUserId: string): string {
  return `user:${xUserId}`;
}

/**
 * The rate-limit ledger in `x_rate_limit_windows`. Before a call a unit is taken; the
 * response's headers then put the true numbers back. A window nobody has seen yet, or one
 * whose reset has passed, lets the call through: X's headers on that response fill it in.
 *
 * @example
 * const ledger = new RateLimitLedger(db);
 * const decision = await ledger.take(userScope(xUserId), 'POST /2/tweets', clock.now());
 * if (!decision.ok) reschedule(decision.retryAt);
 */
export class RateLimitLedger {
  constructor(private readonly db: Executor) {}

  /**
   * Takes one unit in a single statement: the decrement only happens while the window is
   * current and has units left, so concurrent callers can never take the same last unit.
   */
  async take(scope: string, endpoint: string, now: Date, options: TakeOptions = {}): Promise<LedgerDecision> {
    return takeUnit(this.db, scope, endpoint, now, options.keepShare ?? 0);
  }

  /**
   * Takes a unit from every scope, or from none, in one statement: it locks the current
   * windows, and decrements them all only if none is exhausted (else it answers with the
   * latest reset among the exhausted ones). Every call on every account takes from the one
   * app-wide row, so that lock is held for no more than the statement: not across round
   * trips to the caller, and not through a commit waiting for the disk, which would
   * serialize all publishing behind fsync (the benchmarks measured 18 posts/s). The commit
   * is therefore asynchronous; a crash can forget the last fraction of a second of takes,
   * which X's headers on the next responses put right.
   */
  async takeAll(scopes: readonly string[], endpoint: string, now: Date, options: TakeOptions = {}): Promise<LedgerDecision> {
    const at = now.toISOString();
    // Passed as one array literal: a bare array would be expanded into a list of parameters.
    const scopeList = `{${scopes.map((scope) => `"${scope.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
    const [row] = await this.db.execute<{ retry_at: string | Date | null }>(sql`
      with async_commit as (select set_config('synchronous_commit', 'off', true)),
      current_windows as (
        select scope, remaining, "limit", reset_at from ${xRateLimitWindows}
        where endpoint = ${endpoint} and scope = any(${scopeList}::text[]) and reset_at > ${at}::timestamptz
        order by scope
        for update
      ),
      exhausted as (
        select max(reset_at) as retry_at from current_windows where remaining <= ceil("limit" * ${options.keepShare ?? 0}::float8)
      ),
      taken as (
        update ${xRateLimitWindows} as windows set remaining = windows.remaining - 1, updated_at = ${at}::timestamptz
        from current_windows
        where windows.scope = current_windows.scope and windows.endpoint = ${endpoint} and (select retry_at from exhausted) is null
        returning 1
      )
      select (select retry_at from exhausted) as retry_at, (select count(*) from taken) as taken, (select count(*) from async_commit) as async`);
    return row?.retry_at ? { ok: false, retryAt: new Date(row.retry_at) } : { ok: true };
  }

  /**
   * `takeAll` for a batch of calls to one endpoint, in one statement: call `i` takes from
   * `callerScopes[i]` and from every one of `sharedScopes`; see `takeEach`. The process's
   * concurrent takes of one endpoint share a statement (see `coalescedTakeEach`).
   */
  async takeEach(callerScopes: readonly string[], sharedScopes: readonly string[], endpoint: string, now: Date, options: TakeOptions = {}): Promise<TakeDecision[]> {
    return coalescedTakeEach(this.db, callerScopes, sharedScopes, endpoint, now, options);
  }

  /**
   * Gives back the units of grants whose calls never left (the caller failed between the
   * take and the call). Nothing else would: X's headers only ever lower a window within its
   * reset (`record`), so a unit taken for nothing stays taken until the window resets — a
   * day, for the app's 24-hour window. A unit goes back only to the window it came from; one
   * that has been replaced since by a newer window of its scope gets nothing.
   */
  async release(endpoint: string, grants: readonly LedgerGrant[]): Promise<void> {
    await releaseUnits(this.db, endpoint, grants);
  }

  /**
   * Stores what X's headers say. Within one window the lower `remaining` wins, because
   * units taken for calls still in flight are not in X's count yet; a header from an
   * older window (a slow response) is ignored. Most responses change nothing (the ledger
   * already counted the call), and those write nothing and lock nothing: an upsert would
   * lock the row even when its condition skips the update, and the app-wide row is shared
   * by every call.
   */
  async record(scope: string, endpoint: string, { limit, remaining, reset }: RateLimitHeaders): Promise<void> {
    const resetAt = new Date(reset * 1000).toISOString();
    await this.db.execute(sql`
      with changed as (
        update ${xRateLimitWindows}
        set "limit" = ${limit}::int, updated_at = now(),
          remaining = case when reset_at = ${resetAt}::timestamptz then least(remaining, ${remaining}::int) else ${remaining}::int end,
          reset_at = ${resetAt}::timestamptz
        where scope = ${scope} and endpoint = ${endpoint}
          and (reset_at < ${resetAt}::timestamptz or (reset_at = ${resetAt}::timestamptz and (remaining > ${remaining}::int or "limit" <> ${limit}::int)))
        returning 1
      )
      insert into ${xRateLimitWindows} (scope, endpoint, "limit", remaining, reset_at)
      select ${scope}::text, ${endpoint}::text, ${limit}::int, ${remaining}::int, ${resetAt}::timestamptz
      where not exists (select 1 from changed)
      on conflict (scope, endpoint) do nothing`);
  }

  /** Records a response's windows: the main one for the user, the 24-hour one for the app. */
  async recordResponse(xUserId: string, endpoint: string, observed: ObservedRateLimit): Promise<void> {
    await this.record(userScope(xUserId), endpoint, observed);
    if (observed.day) await this.record(APP_SCOPE, endpoint, observed.day);
  }

  /** `recordResponse` for many responses at once, in one statement; see `recordEach`. */
  async recordResponses(responses: ReadonlyArray<{ xUserId: string; endpoint: string; observed: ObservedRateLimit }>): Promise<void> {
    const windows: WindowObservation[] = responses.flatMap(({ xUserId, endpoint, observed }) => [
      { scope: userScope(xUserId), endpoint, headers: observed },
      ...(observed.day ? [{ scope: APP_SCOPE, endpoint, headers: observed.day }] : []),
    ]);
    await recordEach(this.db, windows);
  }

  /** Every known window of `scope`, for the account status page. */
  async snapshot(scope: string): Promise<RateLimitWindowView[]> {
    const window = xRateLimitWindows;
    return this.db
      .select({ endpoint: window.endpoint, limit: window.limit, remaining: window.remaining, resetAt: window.resetAt })
      .from(window)
      .where(eq(window.scope, scope))
      .orderBy(asc(window.endpoint));
  }
}

async function takeUnit(db: Executor, scope: string, endpoint: string, now: Date, keepShare: number): Promise<LedgerDecision> {
  const at = now.toISOString();
  // The outer select reads the window as it was before the update, so "not taken but
  // current" means exhausted, even if a concurrent caller took the last unit meanwhile.
  const rows = await db.execute<{ taken: number; reset_at: string | Date | null }>(sql`
    with taken as (
      update ${xRateLimitWindows} set remaining = remaining - 1, updated_at = ${at}::timestamptz
      where scope = ${scope} and endpoint = ${endpoint} and reset_at > ${at}::timestamptz
        and remaining > ceil("limit" * ${keepShare}::float8)
      returning 1
    )
    select (select count(*) from taken)::int as taken, current_window.reset_at
    from (select 1) as one
    left join ${xRateLimitWindows} as current_window
      on current_window.scope = ${scope} and current_window.endpoint = ${endpoint} and current_window.reset_at > ${at}::timestamptz
  `);
  const [row] = rows;
  if (!row || row.taken > 0 || row.reset_at === null) return { ok: true };
  return { ok: false, retryAt: new Date(row.reset_at) };
}
