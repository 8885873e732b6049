import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { AppRouter } from '@tweetflow/api';
import superjson from 'superjson';

const url = '/api/trpc';

/**
 * The browser's typed client for the app router. Queries and mutations are batched over
 * HTTP; subscriptions (live post status, notifications) stream over Server-Sent Events,
 * which the browser reconnects by itself and which pass through the session cookie.
 */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (operation) => operation.type === 'subscription',
      true: httpSubscriptionLink({ url, transformer: superjson }),
      false: httpBatchLink({ url, transformer: superjson }),
    }),
  ],
});
