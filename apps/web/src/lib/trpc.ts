import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '@tweetflow/api';
import superjson from 'superjson';

/** The browser's typed client for the app router. */
export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/api/trpc', transformer: superjson })],
});
