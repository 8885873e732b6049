import { sql } from 'drizzle-orm';
import { xRateLimitWindows, type Executor } from '@tweetflow/db';
import { limitsFor, type RateLimitTier } from '../limits';

/** The ledger scope of X's app-wide 15-minute windows, which no response reports. */
export const APP_15_MINUTE_SCOPE = 'app:15min';

const FIFTEEN_MINUTES_MS = 15 * 60_000;

// Per database handle: until when this process knows each endpoint's window is open, so a
// call only pays for opening a window once per window, not once per call.
const openUntil = new WeakMap<Executor, Map<string, number>>();

/**
 * The extra ledger scopes a call to `endpoint` must take from under `tier`: X's app-wide
 * 15-minute window when the endpoint has one. X's headers only ever describe the user's
 * window, so the ledger cannot learn this one from responses; it opens the window itself
 * with the documented limit (a window whose reset has passed is opened afresh) and
 * counts every call of every account against it.
 *
 * @example
 * const scopes = [userScope(xUserId), APP_SCOPE, ...(await appWindowScopes(db, 'pay-per-use', endpoint, now))];
 */
export async function appWindowScopes(db: Executor, tier: RateLimitTier = 'pay-per-use', endpoint: string, now: Date): Promise<string[]> {
  const limit = limitsFor(tier, endpoint).app15;
  if (limit === undefined) return [];
  let known = openUntil.get(db);
  if (!known) openUntil.set(db, (known = new Map()));
  if ((known.get(endpoint) ?? 0) > now.getTime()) return [APP_15_MINUTE_SCOPE];
  const at = now.toISOString();
  const resetAt = new Date(now.getTime() + FIFTEEN_MINUTES_MS).toISOString();
  // The select reads the statement's snapshot: the window as it was when nothing changed.
  const [row] = await db.execute<{ reset_at: string | Date }>(sql`
    with opened as (
      insert into ${xRateLimitWindows} (scope, endpoint, "limit", remaining, reset_at)
      values (${APP_15_MINUTE_SCOPE}, ${endpoint}, ${limit}::int, ${limit}::int, ${resetAt}::timestamptz)
      on conflict (scope, endpoint) do update
        set "limit" = excluded."limit", remaining = excluded.remaining, reset_at = excluded.reset_at, updated_at = ${at}::timestamptz
        where ${xRateLimitWindows}.reset_at <= ${at}::timestamptz
      returning reset_at
    )
    select coalesce(
      (select reset_at from opened),
      (select reset_at from ${xRateLimitWindows} where scope = ${APP_15_MINUTE_SCOPE} and endpoint = ${endpoint})
    ) as reset_at`);
  if (row?.reset_at) known.set(endpoint, new Date(row.reset_at).getTime());
  return [APP_15_MINUTE_SCOPE];
}
