import type { PgBoss } from 'pg-boss';
import { purgeRequestCounters } from '../limits/request-limiter';
import { enforceRetention } from '../retention/enforce-retention';
import type { ErasureDeps } from './erasure-deps';
import { expireDataExports } from './download-data-export';
import { requeueOverdueErasures } from './run-erasure';

/**
 * The daily privacy job: applies each workspace's retention settings, deletes expired
 * export files, forgets stale request counters and re-enqueues overdue erasures.
 *
 * @example
 * const summary = await runPrivacyMaintenance(deps, boss);
 */
export async function runPrivacyMaintenance(deps: Pick<ErasureDeps, 'db' | 'clock' | 'exports'>, boss: PgBoss) {
  const now = deps.clock.now();
  return {
    retention: await enforceRetention(deps.db, now),
    expiredExports: await expireDataExports(deps.db, deps.exports, now),
    requestCounters: await purgeRequestCounters(deps.db, now),
    requeuedErasures: await requeueOverdueErasures(deps.db, boss, now),
  };
}
