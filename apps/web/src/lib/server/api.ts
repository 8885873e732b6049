import type { RequestEvent } from '@sveltejs/kit';
import { appRouter, createApiContext, createCallerFactory } from '@tweetflow/api';
import { getRuntime } from './runtime.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * The app router called in-process for server `load` functions and form actions, as the
 * request's caller: the same procedures and access rules the browser goes through.
 */
export async function apiFor(event: Pick<RequestEvent, 'locals'>) {
  const runtime = await getRuntime();
  return createCaller({ ...createApiContext(runtime, event.locals.caller), client: event.locals.client });
}
