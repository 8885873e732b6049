import type { SandboxClock } from './clock';
import { FaultInjector } from './faults';
import { SnowflakeIds } from './ids';
import type { RateLimitTier } from '@tweetflow/x/limits';
import { RateLimiter } from './rate-limits';
import { SandboxStore } from './state/store';
import { SandboxStats } from './stats';

/** `production-like` hides the admin API, as a deployed sandbox would. */
export type SandboxMode = 'dev' | 'test' | 'production-like';

/** An account-activity event for one user, delivered to subscribed webhooks. */
export type ActivityEvent = { forUserId: string; payload: Record<string, unknown> };

/**
 * The sandbox's whole world: stored state, its clock and id source, rate limits, faults
 * and statistics. Routes and the admin handle both act on it.
 */
export class SandboxWorld {
  readonly store = new SandboxStore();
  readonly ids: SnowflakeIds;
  readonly stats = new SandboxStats();
  readonly rateLimits: RateLimiter;
  readonly faults: FaultInjector;
  /** Called after every change to stored state (persistence listens). */
  onChange: () => void = () => {};
  /** Called for every account-activity event (webhook delivery listens). */
  onActivity: (event: ActivityEvent) => void = () => {};

  constructor(
    readonly clock: SandboxClock,
    readonly seed: number,
    readonly mode: SandboxMode,
    tier: RateLimitTier,
    public latencyMs: number,
  ) {
    this.ids = new SnowflakeIds(() => clock.now());
    this.rateLimits = new RateLimiter(tier);
    this.faults = new FaultInjector(seed);
  }

  now(): number {
    return this.clock.now();
  }

  /** Forgets all users, posts, tokens, faults, windows and statistics. */
  reset(): void {
    this.store.clear();
    this.stats.reset();
    this.rateLimits.reset();
    this.faults.clear();
    this.onChange();
  }
}
