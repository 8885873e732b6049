import http from 'node:http';
import { TwitterApi } from 'twitter-api-v2';
import { baseUrlPlugin } from './base-url-plugin';

export type XClientOptions = {
  /** A user's OAuth 2.0 access token. */
  accessToken: string;
  /** Talk to this server (the sandbox) instead of X, e.g. `http://127.0.0.1:3100`. */
  apiBaseUrl?: string;
};

/**
 * A twitter-api-v2 client for one user, pointed at X or at the sandbox. The returned
 * `TwitterApi` is the unmodified library, so its documentation applies as is.
 *
 * @example
 * const x = createXClient({ accessToken, apiBaseUrl: 'http://127.0.0.1:3100' });
 * const { data } = await x.v2.tweet('Hello from TweetFlow');
 */
export function createXClient({ accessToken, apiBaseUrl }: XClientOptions): TwitterApi {
  if (!apiBaseUrl) return new TwitterApi(accessToken);
  // The library sends through https.request, which refuses http: URLs without an agent.
  const httpAgent = apiBaseUrl.startsWith('http:') ? new http.Agent({ keepAlive: true }) : undefined;
  return new TwitterApi(accessToken, {
    plugins: [baseUrlPlugin(apiBaseUrl)],
    ...(httpAgent ? { httpAgent } : {}),
  });
}
