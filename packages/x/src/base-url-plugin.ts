import type { ITwitterApiClientPlugin } from 'twitter-api-v2';

/** Hosts twitter-api-v2 has baked in as constants; all of them move to the base URL. */
const X_HOSTS = new Set(['api.x.com', 'upload.x.com', 'x.com', 'api.twitter.com', 'upload.twitter.com', 'twitter.com']);

/**
 * A twitter-api-v2 plugin that sends every request meant for X to `apiBaseUrl` instead.
 * The library has no base-URL setting, so the URL is rewritten just before it is sent;
 * its rate-limit bookkeeping keeps the original URL, so `getRateLimit` keys stay X's.
 *
 * @example
 * new TwitterApi(token, { plugins: [baseUrlPlugin('http://127.0.0.1:3100')], httpAgent: new http.Agent() });
 */
export function baseUrlPlugin(apiBaseUrl: string): ITwitterApiClientPlugin {
  const base = new URL(apiBaseUrl);
  return {
    onBeforeRequest({ computedParams }) {
      moveToBase(computedParams.url, base);
    },
    onOAuth2RequestToken({ result }) {
      const link = new URL(result.url);
      moveToBase(link, base);
      result.url = link.toString();
    },
  };
}

function moveToBase(url: URL, base: URL): void {
  if (!X_HOSTS.has(url.hostname)) return;
  url.protocol = base.protocol;
  url.hostname = base.hostname;
  url.port = base.port;
}
