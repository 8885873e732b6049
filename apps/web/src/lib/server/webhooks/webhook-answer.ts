import { DomainError, WebhookInbox, type Runtime } from '@tweetflow/core';
import { DOMAIN_ERROR_STATUS } from '../http-api.ts';

/** The largest body a webhook call may send. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export type WebhookCall = {
  token: string;
  /** The body as sent, or `undefined` when it was larger than `MAX_WEBHOOK_BODY_BYTES`. */
  rawBody: string | undefined;
  headers: Record<string, string>;
};

/** What to answer: a status and a JSON body, either the started run or `{ error: { message } }`. */
export type WebhookAnswer = { status: number; body: unknown };

// One inbox per process: concurrent calls are written together, one transaction per batch.
let inbox: WebhookInbox | undefined;
const inboxOf = (runtime: Runtime) => (inbox ??= new WebhookInbox(runtime.db, runtime.workflows));

const refusal = (status: number, message: string): WebhookAnswer => ({ status, body: { error: { message } } });

/**
 * Answers a call to a workflow's secret webhook URL: 202 with `{ runId, status }` once the
 * run and its job are written (the run happens in the worker), or an error a caller can
 * act on. Both ways in share it: the Node route served ahead of SvelteKit
 * (`nodeWebhookRoute`) and SvelteKit's `/hooks/[token]` endpoint.
 *
 * @example
 * const { status, body } = await answerWebhookCall(runtime, { token, rawBody, headers });
 */
export async function answerWebhookCall(runtime: Runtime, call: WebhookCall): Promise<WebhookAnswer> {
  if (call.rawBody === undefined) return refusal(413, 'The body is larger than 1 MB.');
  try {
    const run = await inboxOf(runtime).receive({ token: call.token, rawBody: call.rawBody, headers: call.headers });
    return { status: 202, body: run };
  } catch (error) {
    if (error instanceof DomainError) return refusal(DOMAIN_ERROR_STATUS[error.kind], error.message);
    runtime.logger.error({ err: error }, 'webhook failed');
    return refusal(500, 'Something went wrong on our side. Please try again.');
  }
}
