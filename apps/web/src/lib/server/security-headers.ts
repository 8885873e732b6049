import type { Config } from '@tweetflow/config';

/**
 * Headers every response carries. The Content-Security-Policy itself comes from
 * SvelteKit (`csp` in vite.config.ts), which adds a nonce for its own inline script; these
 * are the rest. HSTS is sent outside development: browsers ignore it over plain http, and
 * behind https it keeps people from ever being downgraded.
 *
 * @example
 * for (const [name, value] of Object.entries(securityHeaders(config))) response.headers.set(name, value);
 */
export function securityHeaders(config: Pick<Config, 'NODE_ENV'>): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    // For browsers that predate CSP's frame-ancestors.
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
    ...(config.NODE_ENV === 'development' ? {} : { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }),
  };
}
