import { EventSource, type FetchLike } from 'eventsource';

/**
 * Options for the `eventsource` package's EventSource that send the API token with every
 * (re)connection. The browser's EventSource cannot set headers; this one fetches the
 * stream itself, so the subscription authenticates like every other call.
 *
 * @example
 * httpSubscriptionLink({ url, EventSource, eventSourceOptions: authenticatedEventSourceOptions(token, fetch) });
 */
export function authenticatedEventSourceOptions(token: string, fetchImpl: typeof fetch): { fetch: FetchLike } {
  return {
    fetch: (url, init) => fetchImpl(url, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } }),
  };
}

export { EventSource };
