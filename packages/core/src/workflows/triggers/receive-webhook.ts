import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { workflows, type Executor } from '@tweetflow/db';
import { hashSecretToken } from '../../auth/tokens';
import { DomainError } from '../../errors';
import { announceRunStarted, insertRun, loadDefinition, type StartedRun } from '../runs/start-run';
import type { WorkflowDeps } from '../workflow-deps';

/** The signature header: `sha256=` + hex HMAC-SHA256 of the raw body with the workflow's secret. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-tweetflow-signature';

const FORWARDED_HEADERS = ['content-type', 'user-agent'];

export type IncomingWebhook = { token: string; rawBody: string; headers: Record<string, string> };

/**
 * A call to a workflow's secret webhook URL: checks the signature when the trigger asks
 * for one, and starts a run with `{ body, headers, receivedAt }` as the trigger's output.
 * It only writes the run and its job, so the caller can answer at once while the run
 * happens in the background.
 *
 * The workflow is looked up by its token's hash with the row lock the run's insert needs
 * anyway, so a call is one short transaction (lock, run, job, commit) and can never start
 * a workflow that was deactivated, or reach one through a rotated URL, however recently.
 * The commit stays synchronous: a 202 tells the caller the call is ours, and callers do
 * not send an accepted call again, so an asynchronous commit that a Postgres crash could
 * undo would lose calls silently. Concurrent calls share their WAL flushes instead.
 *
 * @example
 * const { runId } = await receiveWebhook(db, deps, { token, rawBody, headers });
 */
export async function receiveWebhook(db: Executor, deps: WorkflowDeps, incoming: IncomingWebhook): Promise<StartedRun> {
  const tokenHash = hashSecretToken(incoming.token);
  const run = await db.transaction(async (tx) => {
    const [workflow] = await tx
      .select({ id: workflows.id, workspaceId: workflows.workspaceId, activeVersionId: workflows.activeVersionId, secret: workflows.webhookSecretCiphertext })
      .from(workflows)
      .where(eq(workflows.webhookTokenHash, tokenHash))
      .for('update');
    if (!workflow) throw new DomainError('not_found', 'No workflow listens at this address; copy the webhook URL from the workflow again.');
    if (!workflow.activeVersionId) throw new DomainError('conflict', 'This workflow is not active; activate it to receive webhook calls.');
    const definition = await loadDefinition(tx, workflow.activeVersionId);
    if (definition.trigger.type !== 'webhook') throw new DomainError('conflict', 'This workflow is not started by a webhook.');
    if (definition.trigger.params.requireSignature) verifySignature(deps, workflow.secret, incoming);
    const receivedAt = deps.clock.now().toISOString();
    const headers = Object.fromEntries(
      Object.entries(incoming.headers).filter(([name]) => FORWARDED_HEADERS.includes(name) || (name.startsWith('x-') && name !== WEBHOOK_SIGNATURE_HEADER)),
    );
    const input = {
      workflowId: workflow.id,
      workspaceId: workflow.workspaceId,
      versionId: workflow.activeVersionId,
      triggerType: 'webhook',
      triggerOutput: { body: parseBody(incoming), headers, receivedAt },
    };
    return insertRun(tx, deps, input, definition);
  });
  await announceRunStarted(db, deps, run);
  return { runId: run.runId, status: run.status };
}

function parseBody({ rawBody, headers }: IncomingWebhook): unknown {
  if (rawBody.length === 0) return {};
  if (!(headers['content-type'] ?? 'application/json').includes('json')) return rawBody;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    throw new DomainError('bad_request', 'The body is not valid JSON; send JSON with content-type application/json.');
  }
}

function verifySignature(deps: WorkflowDeps, secretCiphertext: string | null, { rawBody, headers }: IncomingWebhook): void {
  if (!secretCiphertext) throw new DomainError('conflict', 'This webhook requires a signature but has no signing secret yet; create one in the workflow.');
  const expected = `sha256=${createHmac('sha256', deps.xAccounts.keyring.decrypt(secretCiphertext)).update(rawBody).digest('hex')}`;
  const given = headers[WEBHOOK_SIGNATURE_HEADER] ?? '';
  const valid = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!valid) throw new DomainError('unauthenticated', `The ${WEBHOOK_SIGNATURE_HEADER} header is missing or does not match the body.`);
}
