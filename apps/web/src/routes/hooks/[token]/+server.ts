import { json } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime.ts';
import { answerWebhookCall, MAX_WEBHOOK_BODY_BYTES } from '#lib/server/webhooks/webhook-answer.ts';
import type { RequestHandler } from './$types';

/**
 * A workflow's secret webhook URL. Answers 202 as soon as the run and its job are written;
 * the run happens in the worker. Send JSON (`content-type: application/json`).
 *
 * `server.js` (and `pnpm dev`, once the app has started) answer these calls before they
 * reach SvelteKit (see `#lib/server/node-routes.ts`); this endpoint answers the rest alike.
 */
export const POST: RequestHandler = async ({ params, request }) => {
  const runtime = await getRuntime();
  const declared = Number(request.headers.get('content-length') ?? '0');
  const body = declared > MAX_WEBHOOK_BODY_BYTES ? undefined : await request.text();
  const rawBody = body !== undefined && Buffer.byteLength(body) <= MAX_WEBHOOK_BODY_BYTES ? body : undefined;
  const answer = await answerWebhookCall(runtime, { token: params.token, rawBody, headers: Object.fromEntries(request.headers) });
  return json(answer.body, { status: answer.status });
};
