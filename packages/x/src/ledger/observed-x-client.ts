import http from 'node:http';
import { TwitterApi } from 'twitter-api-v2';
import { baseUrlPlugin } from '../base-url-plugin';
import type { XClientOptions } from '../client';
import type { RateLimitObserver } from './rate-limit-observer';

/**
 * `createXClient` plus a `RateLimitObserver`, so the caller can put every response's
 * rate-limit headers into the ledger.
 *
 * @example
 * const observer = new RateLimitObserver();
 * const x = createObservedXClient({ accessToken, apiBaseUrl }, observer);
 */
export function createObservedXClient({ accessToken, apiBaseUrl }: XClientOptions, observer: RateLimitObserver): TwitterApi {
  // The library sends through https.request, which refuses http: URLs without an agent.
  const httpAgent = apiBaseUrl?.startsWith('http:') ? new http.Agent() : undefined;
  return new TwitterApi(accessToken, {
    plugins: [...(apiBaseUrl ? [baseUrlPlugin(apiBaseUrl)] : []), observer],
    ...(httpAgent ? { httpAgent } : {}),
  });
}
