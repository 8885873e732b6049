import http from 'node:http';
import { TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';
import { baseUrlPlugin } from './base-url-plugin';

export type XClientOptions = {
  /** A user's OAuth 2.0 access token. */
  accessToken: string;
  /** Talk to this server (the sandbox) instead of X, e.g. `http://127.0.0.1:3100`. */
  apiBaseUrl?: string;
  /** More twitter-api-v2 plugins, e.g. the `RateLimitObserver` that feeds the ledger. */
  plugins?: ITwitterApiClientPlugin[];
};

// One keep-alive agent for every client talking plain http (the sandbox): clients are
// created per call, and a fresh agent each time would open a new connection each time.
let plainHttpAgent: http.Agent | undefined;

/**
 * A twitter-api-v2 client for one user, pointed at X or at the sandbox. The returned
 * `TwitterApi` is the unmodified library, so its documentation applies as is.
 *
 * @example
 * const x = createXClient({ accessToken, apiBaseUrl: 'http://127.0.0.1:3100' });
 * const { data } = await x.v2.tweet('Hello from TweetFlow');
 */
export function createXClient({ accessToken, apiBaseUrl, plugins = [] }: XClientOptions): TwitterApi {
  // The library sends through https.request, which refuses http: URLs without an agent.
  const httpAgent = apiBaseUrl?.startsWith('http:') ? (plainHttpAgent ??= new http.Agent({ keepAlive: true })) : undefined;
  return new TwitterApi(accessToken, {
    plugins: [...(apiBaseUrl ? [baseUrlPlugin(apiBaseUrl)] : []), ...plugins],
    ...(httpAgent ? { httpAgent } : {}),
  });
}
