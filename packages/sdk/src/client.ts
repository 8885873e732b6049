import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  retryLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
} from '@trpc/client';
import { observable } from '@trpc/server/observable';
import superjson from 'superjson';
import { TweetFlowError } from './errors.ts';
import { authenticatedEventSourceOptions, EventSource } from './event-source.ts';
import type { AppRouter } from './types.ts';

export type TweetFlowClientOptions = {
  /** Where TweetFlow runs, e.g. "https://tweetflow.example.com" (the app's address, not /api/trpc). */
  url: string;
  /** A personal API token (`tfp_…`) from Settings → API tokens. */
  token: string;
  /** A fetch to use instead of the global one (proxies, tests, instrumentation). */
  fetch?: typeof fetch;
  /** How many times a query is sent again after a network failure. Default 3. */
  queryRetries?: number;
};

/** The typed client: every procedure of the app, e.g. `client.posts.list.query({ workspaceId })`. */
export type TweetFlowClient = TRPCClient<AppRouter>;

/**
 * A typed client for the TweetFlow API. Queries and mutations are batched over HTTP,
 * subscriptions stream over Server-Sent Events, queries that fail on the network are
 * retried (mutations never: the first one may have reached the server), and every failure
 * is a {@link TweetFlowError} carrying the server's message.
 *
 * @example
 * const client = createTweetFlowClient({ url: 'http://localhost:3000', token: process.env.TWEETFLOW_TOKEN! });
 * const [workspace] = await client.workspaces.list.query();
 * const { posts } = await client.posts.list.query({ workspaceId: workspace.id, statuses: ['scheduled'] });
 */
export function createTweetFlowClient(options: TweetFlowClientOptions): TweetFlowClient {
  const baseUrl = options.url.replace(/\/+$/, '');
  const url = `${baseUrl}/api/trpc`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const authorization = { Authorization: `Bearer ${options.token}` };
  return createTRPCClient<AppRouter>({
    links: [
      tweetFlowErrorLink(baseUrl),
      retryLink({
        retry: ({ op, error, attempts }) => op.type === 'query' && attempts <= (options.queryRetries ?? 3) && isNetworkFailure(error),
        retryDelayMs: (attempt) => Math.min(250 * 2 ** attempt, 4_000),
      }),
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: authenticatedEventSourceOptions(options.token, fetchImpl),
        }),
        // Batched queries travel in the URL; past this length a batch is split, because
        // servers and proxies refuse longer request lines.
        false: httpBatchLink({ url, transformer: superjson, fetch: fetchImpl, headers: () => authorization, maxURLLength: 8_000 }),
      }),
    ],
  });
}

/** No answer at all, or a proxy's answer that the app is briefly unavailable. */
function isNetworkFailure(error: { data?: unknown; meta?: Record<string, unknown> }): boolean {
  if (error.data) return false;
  const status = (error.meta?.response as Response | undefined)?.status;
  return status === undefined || status === 502 || status === 503 || status === 504;
}

/** Turns every failure that reaches the caller (including subscriptions') into a TweetFlowError. */
function tweetFlowErrorLink(serverUrl: string): TRPCLink<AppRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) => {
        const subscription = next(op).subscribe({
          next: (value) => observer.next(value),
          error: (error) => observer.error(TweetFlowError.of(error, serverUrl)),
          complete: () => observer.complete(),
        });
        return () => subscription.unsubscribe();
      });
}
