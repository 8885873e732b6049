import { sql } from 'drizzle-orm';
import { jsonRowCount, xRateLimitWindows, type Executor } from '@tweetflow/db';
import type { RateLimitHeaders } from './rate-limit-ledger';

/** What one response said about one window. */
export type WindowObservation = { scope: string; endpoint: string; headers: RateLimitHeaders };

/**
 * `record` for a batch of responses, in one statement. Observations of the same window
 * are merged first, by the rule `record` applies row by row (the newest window wins,
 * within a window the lowest `remaining`), so no row is updated twice. As in `record`,
 * windows the observations don't change are neither written nor locked.
 *
 * @example
 * await recordEach(db, [{ scope: 'user:1', endpoint: 'POST /2/tweets', headers: { limit: 100, remaining: 97, reset } }]);
 */
export async function recordEach(db: Executor, observations: readonly WindowObservation[]): Promise<void> {
  const merged = new Map<string, WindowObservation>();
  for (const observation of observations) {
    const key = `${observation.scope}\n${observation.endpoint}`;
    const seen = merged.get(key);
    if (!seen || newer(observation.headers, seen.headers)) merged.set(key, observation);
  }
  if (merged.size === 0) return;
  const rows = JSON.stringify(
    [...merged.values()].map(({ scope, endpoint, headers }) => ({
      scope,
      endpoint,
      limit: headers.limit,
      remaining: headers.remaining,
      reset_at: new Date(headers.reset * 1000).toISOString(),
    })),
  );
  await db.execute(sql`
    with observed as (
      select * from json_to_recordset(${rows}::json) as observed(scope text, endpoint text, "limit" int, remaining int, reset_at timestamptz) ${jsonRowCount(merged.size)}
    ),
    changed as (
      update ${xRateLimitWindows} as windows
      set "limit" = observed."limit", updated_at = now(), reset_at = observed.reset_at,
        remaining = case when windows.reset_at = observed.reset_at then least(windows.remaining, observed.remaining) else observed.remaining end
      from observed
      where windows.scope = observed.scope and windows.endpoint = observed.endpoint
        and (windows.reset_at < observed.reset_at
          or (windows.reset_at = observed.reset_at and (windows.remaining > observed.remaining or windows."limit" <> observed."limit")))
      returning 1
    )
    -- Data-modifying CTEs always run; windows that exist were settled by "changed".
    insert into ${xRateLimitWindows} (scope, endpoint, "limit", remaining, reset_at)
    select observed.scope, observed.endpoint, observed."limit", observed.remaining, observed.reset_at from observed
    where not exists (select 1 from ${xRateLimitWindows} as windows where windows.scope = observed.scope and windows.endpoint = observed.endpoint)
    on conflict (scope, endpoint) do nothing`);
}

function newer(candidate: RateLimitHeaders, seen: RateLimitHeaders): boolean {
  return candidate.reset > seen.reset || (candidate.reset === seen.reset && candidate.remaining < seen.remaining);
}
