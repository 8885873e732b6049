import { sql } from 'drizzle-orm';
import { jsonRowCount, xRateLimitWindows, type Executor } from '@tweetflow/db';
import type { TakeDecision, TakenWindow, TakeOptions } from './rate-limit-ledger';

/**
 * Decides a batch of calls to one endpoint in one statement: call `i` is on behalf of
 * `callerScopes[i]` (a user's scope) and every call also takes from each of `sharedScopes`
 * (the app's windows). Calls are granted in order while their user's window and every
 * shared window have units left (beyond `keepShare`), exactly as one `takeAll` per call
 * in that order would; the granted units are taken from all windows at once. The windows
 * are locked in scope order, as `takeAll` locks them, so concurrent takers cannot
 * deadlock; the commit is asynchronous for the reason `takeAll` gives. A grant names the
 * windows it took from (its user's, if the ledger knows one, and every current shared one).
 *
 * @example
 * const decisions = await takeEach(db, ['user:1', 'user:2', 'user:1'], ['app'], 'POST /2/tweets', now);
 */
export async function takeEach(
  db: Executor,
  callerScopes: readonly string[],
  sharedScopes: readonly string[],
  endpoint: string,
  now: Date,
  options: TakeOptions = {},
): Promise<TakeDecision[]> {
  if (callerScopes.length === 0) return [];
  const at = now.toISOString();
  // JSON parameters: drizzle would expand a bare array into a list of parameters.
  const callers = JSON.stringify(callerScopes);
  const shared = JSON.stringify(sharedScopes);
  const rows = await db.execute<{ ord: string | number; retry_at: string | Date | null; own_reset_at: string | Date | null; shared_windows: TakenWindow[] | null }>(sql`
    with async_commit as (select set_config('synchronous_commit', 'off', true)),
    calls as (select value as scope, ord from json_array_elements_text(${callers}::json) with ordinality as call(value, ord) ${jsonRowCount(callerScopes.length)}),
    shared_scopes as (select value as scope from json_array_elements_text(${shared}::json) ${jsonRowCount(sharedScopes.length)}),
    current_windows as (
      select scope, reset_at, remaining - ceil("limit" * ${options.keepShare ?? 0}::float8)::int as spare
      from ${xRateLimitWindows}
      where endpoint = ${endpoint} and reset_at > ${at}::timestamptz
        and (scope in (select scope from calls) or scope in (select scope from shared_scopes))
      order by scope
      for update
    ),
    by_caller as (
      select calls.ord, calls.scope, own.spare, own.reset_at,
        row_number() over (partition by calls.scope order by calls.ord) as caller_rank
      from calls left join current_windows as own on own.scope = calls.scope
    ),
    caller_ok as (
      select ord, row_number() over (order by ord) as shared_rank
      from by_caller where spare is null or caller_rank <= spare
    ),
    decided as (
      select by_caller.ord, by_caller.scope, by_caller.reset_at as own_reset_at,
        case
          when caller_ok.ord is null then by_caller.reset_at
          else (select max(windows.reset_at) from current_windows as windows
                where windows.scope in (select scope from shared_scopes) and windows.spare < caller_ok.shared_rank)
        end as retry_at
      from by_caller left join caller_ok on caller_ok.ord = by_caller.ord
    ),
    granted as (select scope, count(*)::int as units from decided where retry_at is null group by scope),
    taken_by_callers as (
      update ${xRateLimitWindows} as windows set remaining = windows.remaining - granted.units, updated_at = ${at}::timestamptz
      from granted, current_windows
      where windows.endpoint = ${endpoint} and windows.scope = granted.scope and current_windows.scope = granted.scope
      returning 1
    ),
    taken_shared as (
      update ${xRateLimitWindows} as windows
      set remaining = windows.remaining - (select coalesce(sum(units), 0) from granted), updated_at = ${at}::timestamptz
      from current_windows
      where windows.endpoint = ${endpoint} and windows.scope = current_windows.scope
        and current_windows.scope in (select scope from shared_scopes)
        and exists (select 1 from granted)
      returning 1
    )
    select ord, retry_at, own_reset_at,
      (select json_agg(json_build_object('scope', scope, 'resetAt', reset_at)) from current_windows where scope in (select scope from shared_scopes)) as shared_windows,
      (select count(*) from taken_by_callers) as caller_rows, (select count(*) from taken_shared) as shared_rows,
      (select count(*) from async_commit) as async
    from decided order by ord`);
  const sharedTaken = (rows[0]?.shared_windows ?? []).map((window) => ({ scope: window.scope, resetAt: new Date(window.resetAt) }));
  return rows.map((row, index) => {
    if (row.retry_at) return { ok: false, retryAt: new Date(row.retry_at) };
    const own = row.own_reset_at ? [{ scope: callerScopes[index]!, resetAt: new Date(row.own_reset_at) }] : [];
    return { ok: true, taken: [...own, ...sharedTaken] };
  });
}
