// X answers every call with one window in its `x-rate-limit-*` headers (the user's, where
// there is one) and never reports the app-wide 15-minute windows behind it. So TweetFlow
// must know those from X's documentation to stay inside them (the ledger opens them
// itself), and the sandbox enforces the very same table: both read it from here.

export type RateLimitTier = 'pay-per-use' | 'pro' | 'basic' | 'free';
export const RATE_LIMIT_TIERS: RateLimitTier[] = ['pay-per-use', 'pro', 'basic', 'free'];

/** Limits for one endpoint; any window left out is not enforced. */
export type EndpointLimits = { user15?: number; app15?: number; user24?: number; app24?: number };

type TierTable = Record<string, EndpointLimits>;

// From the table in X's documentation for the endpoints TweetFlow leans on most.
const DOCUMENTED: Record<RateLimitTier, TierTable> = {
  'pay-per-use': {
    'POST /2/tweets': { user15: 100, app24: 10_000 },
    'GET /2/users/me': { user15: 75 },
    'GET /2/tweets': { user15: 5_000, app15: 3_500 },
  },
  pro: {
    'POST /2/tweets': { user15: 100, app24: 10_000 },
    'GET /2/users/me': { user15: 75 },
    'GET /2/tweets': { user15: 900, app15: 450 },
  },
  basic: {
    'POST /2/tweets': { user24: 100, app24: 1_667 },
    'GET /2/users/me': { user24: 250 },
    'GET /2/tweets': { user15: 15, app15: 15 },
  },
  free: {
    'POST /2/tweets': { user24: 17, app24: 17 },
    'GET /2/users/me': { user24: 25 },
    'GET /2/tweets': { user15: 1, app15: 1 },
  },
};

// Endpoints X's table does not list get limits of the same order as X's published ones
// for similar calls, scaled down for the smaller tiers.
const FALLBACK: Record<RateLimitTier, { read: EndpointLimits; write: EndpointLimits }> = {
  'pay-per-use': { read: { user15: 900, app15: 1_500 }, write: { user15: 200, app24: 20_000 } },
  pro: { read: { user15: 900, app15: 450 }, write: { user15: 200, app24: 20_000 } },
  basic: { read: { user15: 100, app15: 500 }, write: { user24: 200, app24: 2_000 } },
  free: { read: { user15: 5, app15: 10 }, write: { user24: 50, app24: 100 } },
};

/**
 * The limits for `endpoint` ("METHOD /path/pattern") under `tier`.
 *
 * @example
 * limitsFor('pay-per-use', 'POST /2/tweets'); // { user15: 100, app24: 10000 }
 */
export function limitsFor(tier: RateLimitTier, endpoint: string): EndpointLimits {
  const documented = DOCUMENTED[tier][endpoint];
  if (documented) return documented;
  return endpoint.startsWith('GET ') ? FALLBACK[tier].read : FALLBACK[tier].write;
}
