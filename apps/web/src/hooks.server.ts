import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { authenticate } from '#lib/server/authenticate.ts';
import { exposeNodeRoutes } from '#lib/server/node-routes.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import { securityHeaders } from '#lib/server/security-headers.ts';

export const init: ServerInit = async () => {
  exposeNodeRoutes(await getRuntime());
};

export const handle: Handle = async ({ event, resolve }) => {
  const started = performance.now();
  const runtime = await getRuntime();
  const { caller, user, failure } = await authenticate(event, runtime);
  event.locals.caller = caller;
  event.locals.user = user;
  event.locals.authFailure = failure;
  event.locals.client = { ipAddress: event.getClientAddress(), userAgent: event.request.headers.get('user-agent') };
  const response = await resolve(event);
  for (const [name, value] of Object.entries(securityHeaders(runtime.config))) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  // How long the server spent before the body started (browser dev tools show it), so a
  // slow answer can be told apart from a slow network or client.
  if (!response.headers.has('server-timing')) response.headers.set('server-timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
  return response;
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
