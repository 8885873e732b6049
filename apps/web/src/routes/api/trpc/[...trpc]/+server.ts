import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter, createApiContext } from '@tweetflow/api';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

const handler: RequestHandler = async ({ request, locals }) => {
  const runtime = await getRuntime();
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => ({ ...createApiContext(runtime, locals.caller), authFailure: locals.authFailure }),
  });
};

export const GET = handler;
export const POST = handler;
