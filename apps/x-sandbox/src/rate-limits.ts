import { limitsFor, type EndpointLimits, type RateLimitTier } from '@tweetflow/x/limits';

const FIFTEEN_MINUTES = 15 * 60_000;
const ONE_DAY = 24 * 60 * 60_000;

type Window = { start: number; count: number };
type WindowSpec = { name: keyof EndpointLimits; limit: number; lengthMs: number; key: string };

/** The verdict on one request, with the headers X would send either way. */
export type RateLimitDecision = { allowed: boolean; headers: Record<string, string> };

/**
 * Fixed rate-limit windows per (user, endpoint) and per (app, endpoint), 15 minutes and
 * 24 hours, opened by the first request and closed by the sandbox clock. A request over
 * any window is refused without using up the others.
 *
 * @example
 * const decision = limiter.take('POST /2/tweets', userId, clientId, clock.now());
 * if (!decision.allowed) return tooManyRequests();
 */
export class RateLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(public tier: RateLimitTier) {}

  take(endpoint: string, userId: string, clientId: string, now: number): RateLimitDecision {
    const specs = this.#specs(endpoint, userId, clientId);
    const windows = specs.map((spec) => this.#current(spec, now));
    const allowed = specs.every((spec, index) => (windows[index]?.count ?? 0) < spec.limit);
    if (allowed) for (const window of windows) window.count++;
    return { allowed, headers: headersFor(specs, windows) };
  }

  reset(): void {
    this.#windows.clear();
  }

  #specs(endpoint: string, userId: string, clientId: string): WindowSpec[] {
    const limits = limitsFor(this.tier, endpoint);
    const specs: WindowSpec[] = [];
    const add = (name: keyof EndpointLimits, lengthMs: number, who: string) => {
      const limit = limits[name];
      if (limit !== undefined) specs.push({ name, limit, lengthMs, key: `${this.tier}|${name}|${endpoint}|${who}` });
    };
    add('user15', FIFTEEN_MINUTES, userId);
    add('app15', FIFTEEN_MINUTES, clientId);
    add('user24', ONE_DAY, userId);
    add('app24', ONE_DAY, clientId);
    return specs;
  }

  #current(spec: WindowSpec, now: number): Window {
    const existing = this.#windows.get(spec.key);
    if (existing && now < existing.start + spec.lengthMs) return existing;
    const fresh = { start: now, count: 0 };
    this.#windows.set(spec.key, fresh);
    return fresh;
  }
}

/**
 * `x-rate-limit-*` describes the 15-minute window (the user's when there is one), or the
 * 24-hour window for endpoints limited only per day; the 24-hour windows also get X's
 * `x-app-limit-24hour-*` / `x-user-limit-24hour-*` headers.
 */
function headersFor(specs: WindowSpec[], windows: Window[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const describe = (prefix: string, name: keyof EndpointLimits) => {
    const index = specs.findIndex((spec) => spec.name === name);
    const spec = specs[index];
    const window = windows[index];
    if (!spec || !window) return false;
    headers[`${prefix}-limit`] = String(spec.limit);
    headers[`${prefix}-remaining`] = String(Math.max(0, spec.limit - window.count));
    headers[`${prefix}-reset`] = String(Math.ceil((window.start + spec.lengthMs) / 1000));
    return true;
  };
  const primary = ['user15', 'app15', 'user24', 'app24'] as const;
  primary.some((name) => describe('x-rate-limit', name));
  describe('x-app-limit-24hour', 'app24');
  describe('x-user-limit-24hour', 'user24');
  return headers;
}
