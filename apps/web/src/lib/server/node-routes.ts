import type { Runtime } from '@tweetflow/core';
import { securityHeaders } from './security-headers.ts';
import { answerWebhookCall, MAX_WEBHOOK_BODY_BYTES } from './webhooks/webhook-answer.ts';
import { nodeWebhookRoute, type NodeRoute } from './webhooks/node-webhook-route.ts';

/**
 * Where `server.js` (and the dev server's middleware in vite.config.ts) finds the route it
 * offers each request before SvelteKit. The built app is one bundle `server.js` imports; a
 * global symbol is the one name both can see without loading the app's modules a second
 * time (and starting a second runtime).
 */
const NODE_ROUTE = Symbol.for('tweetflow.web.nodeRoute');

/**
 * Offers `server.js` and the dev server the routes they serve ahead of SvelteKit: today
 * the webhook endpoint. Called once the runtime is up, from the server `init` hook.
 *
 * @example
 * exposeNodeRoutes(await getRuntime());
 */
export function exposeNodeRoutes(runtime: Runtime): void {
  const route: NodeRoute = nodeWebhookRoute({
    answer: (call) => answerWebhookCall(runtime, call),
    headers: securityHeaders(runtime.config),
    maxBodyBytes: MAX_WEBHOOK_BODY_BYTES,
    onError: (error) => runtime.logger.warn({ err: error }, 'webhook call not answered'),
  });
  (globalThis as Record<symbol, unknown>)[NODE_ROUTE] = route;
}
