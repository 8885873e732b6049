import type { LedgerGrant, RateLimitLedger } from '@tweetflow/x';
import type { XAccountDeps } from './x-account-deps';

/**
 * Gives back the ledger units of calls that will not be sent, because the caller failed
 * between the take and the call. It runs on a path that is already failing, so a failure
 * here is logged rather than thrown: the caller's own error is the one to report, and the
 * units then stay taken until their windows reset.
 *
 * @example
 * await giveBackUnits(ledger, deps, 'POST /2/tweets', grants);
 */
export async function giveBackUnits(
  ledger: RateLimitLedger,
  { logger }: Pick<XAccountDeps, 'logger'>,
  endpoint: string,
  grants: readonly LedgerGrant[],
): Promise<void> {
  try {
    await ledger.release(endpoint, grants);
  } catch (error) {
    logger.warn({ err: error, endpoint, units: grants.length }, 'could not give back rate-limit units of calls that were not sent');
  }
}
