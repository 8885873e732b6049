import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { authenticate } from '#lib/server/authenticate.ts';
import { getRuntime } from '#lib/server/runtime.ts';

export const init: ServerInit = async () => {
  await getRuntime();
};

export const handle: Handle = async ({ event, resolve }) => {
  const { caller, user, failure } = await authenticate(event, await getRuntime());
  event.locals.caller = caller;
  event.locals.user = user;
  event.locals.authFailure = failure;
  return resolve(event);
};

/**
 * Errors thrown by our own code (kind "unknown") are logged in full and shown to people as
 * one calm sentence; 404s and deliberate `error(...)` responses keep their own message.
 */
export const handleError: HandleServerError = async (caught) => {
  if (caught.kind !== 'unknown') return;
  const runtime = await getRuntime().catch(() => undefined);
  runtime?.logger.error({ err: caught.error, path: caught.event.url.pathname }, 'request failed');
  return { message: 'Something went wrong on our side. Please try again.' };
};
