import type { Config } from '@tweetflow/config';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { XAccountDeps } from '../x-accounts/x-account-deps';

/** What metrics collection needs besides the database. */
export type AnalyticsDeps = {
  xAccounts: XAccountDeps;
  clock: Clock;
  logger: Logger;
  /** Share (0–1] of each X rate-limit window metrics polling may use; the rest stays for publishing. */
  budgetShare: number;
  /** X calls per workspace per UTC day for competitor tracking. */
  competitorDailyCalls: number;
};

/**
 * Analytics dependencies from a process's configuration and X account services.
 *
 * @example
 * const analytics = analyticsDeps(runtime.config, runtime.xAccounts);
 */
export function analyticsDeps(config: Pick<Config, 'ANALYTICS_BUDGET_SHARE' | 'COMPETITOR_DAILY_CALLS'>, xAccounts: XAccountDeps): AnalyticsDeps {
  return {
    xAccounts,
    clock: xAccounts.clock,
    logger: xAccounts.logger,
    budgetShare: config.ANALYTICS_BUDGET_SHARE,
    competitorDailyCalls: config.COMPETITOR_DAILY_CALLS,
  };
}

/**
 * The `keepShare` analytics passes to the ledger: whatever it may not use.
 *
 * @example
 * analyticsKeepShare({ budgetShare: 0.5 }); // 0.5
 */
export function analyticsKeepShare(deps: Pick<AnalyticsDeps, 'budgetShare'>): number {
  return 1 - deps.budgetShare;
}
