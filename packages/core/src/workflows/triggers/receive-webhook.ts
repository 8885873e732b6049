import { createHmac, timingSafeEqual } from 'node:crypto';
import { transactInTwoTrips, type Database } from '@tweetflow/db';
import { MAX_CONCURRENT_RUNS } from '@tweetflow/workflows';
import { hashSecretToken } from '../../auth/tokens';
import { DomainError } from '../../errors';
import { ACTIVE_RUN, loadDefinition, planRuns, type PlannedRun, type StartedRun } from '../runs/start-run';
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
 * @example
 * const { runId } = await receiveWebhook(db, deps, { token, rawBody, headers });
 */
export async function receiveWebhook(db: Database, deps: WorkflowDeps, incoming: IncomingWebhook): Promise<StartedRun> {
  const [outcome] = await receiveWebhooks(db, deps, [incoming]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.run;
}

export type WebhookOutcome = { ok: true; run: StartedRun } | { ok: false; error: DomainError };

/**
 * Many webhook calls in one transaction of two round trips (`transactInTwoTrips`). The
 * first locks their workflows, found by token hash (in id order, so concurrent batches
 * never deadlock), and then counts each one's active runs, a statement that sees every
 * run committed before the locks were granted; the second writes all runs, their jobs
 * and the live views' notification (see `planRuns`) and commits. A call to a workflow
 * that was deactivated, or through a URL that was rotated, is refused however recently
 * that happened. Each call gets its own outcome; only a database failure fails them all.
 *
 * The commit stays synchronous: a 202 tells the caller the call is ours, and callers do
 * not send an accepted call again, so an asynchronous commit that a Postgres crash could
 * undo would lose calls silently. Batching is what makes the flush cheap: one per batch.
 *
 * @example
 * const outcomes = await receiveWebhooks(db, deps, calls);
 */
export async function receiveWebhooks(
  db: Database,
  deps: WorkflowDeps,
  calls: readonly IncomingWebhook[],
  options: { found?: (workflows: readonly LockedWorkflow[]) => void } = {},
): Promise<WebhookOutcome[]> {
  const tokenHashes = calls.map((call) => hashSecretToken(call.token));
  const lookedFor = [...new Set(tokenHashes)];
  const outcomes: WebhookOutcome[] = [];
  const started = await transactInTwoTrips(
    db,
    [
      { text: LOCK_WORKFLOWS, values: [lookedFor] },
      { text: COUNT_ACTIVE_RUNS, values: [lookedFor, MAX_CONCURRENT_RUNS] },
    ],
    async ([found, counted]) => {
      options.found?.(found as LockedWorkflow[]);
      const byTokenHash = new Map((found as LockedWorkflow[]).map((workflow) => [workflow.tokenHash, workflow]));
      const active = new Map((counted as Array<{ workflowId: string; active: number }>).map((row) => [row.workflowId, row.active]));
      const accepted: Array<PlannedRun & { index: number }> = [];
      for (const [index, call] of calls.entries()) {
        try {
          accepted.push({ index, ...(await acceptCall(db, deps, call, byTokenHash.get(tokenHashes[index]!))) });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          outcomes[index] = { ok: false, error };
        }
      }
      if (accepted.length === 0) return { statements: [], result: [] };
      const { runs, statements } = await planRuns(deps, accepted, active);
      return { statements, result: runs.map((run, position) => ({ run, index: accepted[position]!.index })) };
    },
  );
  for (const { run, index } of started) outcomes[index] = { ok: true, run: { runId: run.runId, status: run.status } };
  return outcomes;
}

// Written out: Drizzle building these (a parameter per call) cost the web server more CPU than PostgreSQL spent running them.
const LOCK_WORKFLOWS = `select id, workspace_id as "workspaceId", webhook_token_hash as "tokenHash", active_version_id as "activeVersionId", webhook_secret_ciphertext as secret
  from workflows where webhook_token_hash = any($1::text[]) order by id for update`;
// Counting stops at the most any workflow may allow: more changes no decision.
const COUNT_ACTIVE_RUNS = `select workflow.id as "workflowId",
    (select count(*)::int from (select from workflow_runs where workflow_id = workflow.id and ${ACTIVE_RUN} limit $2) as counted) as active
  from workflows workflow where workflow.webhook_token_hash = any($1::text[])`;

/** A workflow as a batch finds it under its row lock. */
export type LockedWorkflow = { id: string; workspaceId: string; tokenHash: string; activeVersionId: string | null; secret: string | null };

/** The run a call starts, or the DomainError that refuses it. */
export async function acceptCall(db: Database, deps: WorkflowDeps, call: IncomingWebhook, workflow: LockedWorkflow | undefined): Promise<PlannedRun> {
  if (!workflow) throw new DomainError('not_found', 'No workflow listens at this address; copy the webhook URL from the workflow again.');
  if (!workflow.activeVersionId) throw new DomainError('conflict', 'This workflow is not active; activate it to receive webhook calls.');
  // Versions never change once written, so reading one outside the transaction is safe.
  const definition = await loadDefinition(db, workflow.activeVersionId);
  if (definition.trigger.type !== 'webhook') throw new DomainError('conflict', 'This workflow is not started by a webhook.');
  if (definition.trigger.params.requireSignature) verifySignature(deps, workflow.secret, call);
  const headers = Object.fromEntries(
    Object.entries(call.headers).filter(([name]) => FORWARDED_HEADERS.includes(name) || (name.startsWith('x-') && name !== WEBHOOK_SIGNATURE_HEADER)),
  );
  return {
    definition,
    input: {
      workflowId: workflow.id,
      workspaceId: workflow.workspaceId,
      versionId: workflow.activeVersionId,
      triggerType: 'webhook',
      triggerOutput: { body: parseBody(call), headers, receivedAt: deps.clock.now().toISOString() },
    },
  };
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
