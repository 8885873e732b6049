import { json } from '@sveltejs/kit';
import { DomainError, WebhookInbox, type Runtime } from '@tweetflow/core';
import { DOMAIN_ERROR_STATUS, jsonError } from '#lib/server/http-api.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

const MAX_BODY_BYTES = 1024 * 1024;

// One inbox per process: concurrent calls are written together, one transaction per batch.
let inbox: WebhookInbox | undefined;
const inboxOf = (runtime: Runtime) => (inbox ??= new WebhookInbox(runtime.db, runtime.workflows));

/**
 * A workflow's secret webhook URL. Answers 202 as soon as the run and its job are written;
 * the run happens in the worker. Send JSON (`content-type: application/json`).
 */
export const POST: RequestHandler = async ({ params, request }) => {
  const runtime = await getRuntime();
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) return jsonError(413, 'The body is larger than 1 MB.');
  const rawBody = await request.text();
  if (rawBody.length > MAX_BODY_BYTES) return jsonError(413, 'The body is larger than 1 MB.');
  try {
    const run = await inboxOf(runtime).receive({
      token: params.token,
      rawBody,
      headers: Object.fromEntries(request.headers),
    });
    return json(run, { status: 202 });
  } catch (error) {
    if (error instanceof DomainError) return jsonError(DOMAIN_ERROR_STATUS[error.kind], error.message);
    runtime.logger.error({ err: error }, 'webhook failed');
    return jsonError(500, 'Something went wrong on our side. Please try again.');
  }
};
