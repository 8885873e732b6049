import { sql } from 'drizzle-orm';
import { jsonRowCount, xRateLimitWindows, type Executor } from '@tweetflow/db';
import type { LedgerGrant } from './rate-limit-ledger';

/**
 * Gives back one unit per grant to every window the grant took from, in one statement.
 * A window is matched by its reset as well as its scope, so a window replaced since the
 * take (its reset passed and X reported the next one) gets nothing: that unit was never
 * taken from it. A window never grows beyond its limit. The rows are locked in scope
 * order first, as the takes lock them, so a release and a take cannot deadlock.
 *
 * @example
 * await releaseUnits(db, 'POST /2/tweets', grants);
 */
export async function releaseUnits(db: Executor, endpoint: string, grants: readonly LedgerGrant[]): Promise<void> {
  const units = new Map<string, { scope: string; resetAt: string; units: number }>();
  for (const window of grants.flatMap((grant) => grant.taken)) {
    const resetAt = window.resetAt.toISOString();
    const key = `${window.scope}\n${resetAt}`;
    const counted = units.get(key) ?? { scope: window.scope, resetAt, units: 0 };
    counted.units += 1;
    units.set(key, counted);
  }
  if (units.size === 0) return;
  await db.execute(sql`
    with given_back as (
      select * from json_to_recordset(${JSON.stringify([...units.values()])}::json) as back(scope text, "resetAt" timestamptz, units int)
      ${jsonRowCount(units.size)}
    ),
    locked as (
      select windows.scope, given_back.units from ${xRateLimitWindows} as windows
      join given_back on given_back.scope = windows.scope and given_back."resetAt" = windows.reset_at
      where windows.endpoint = ${endpoint}
      order by windows.scope
      for update of windows
    )
    update ${xRateLimitWindows} as windows
    set remaining = least(windows."limit", windows.remaining + locked.units), updated_at = now()
    from locked
    where windows.endpoint = ${endpoint} and windows.scope = locked.scope`);
}
