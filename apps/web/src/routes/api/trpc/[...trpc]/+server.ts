import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter, createApiContext, retryAfterHeaders } from '@tweetflow/api';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

const handler: RequestHandler = async ({ request, locals }) => {
  const runtime = await getRuntime();
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => ({ ...createApiContext(runtime, locals.caller), authFailure: locals.authFailure, client: locals.client }),
    // A limit's refusal tells the client when to come back (HTTP 429 with Retry-After).
    responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors, runtime.clock.now()) }),
  });
};

export const GET = handler;
export const POST = handler;
