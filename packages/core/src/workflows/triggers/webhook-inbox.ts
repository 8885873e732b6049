import { BatchLane, type Database } from '@tweetflow/db';
import type { StartedRun } from '../runs/start-run';
import type { WorkflowDeps } from '../workflow-deps';
import { KnownWebhooks, receiveKnownWebhooks } from './known-webhooks';
import { receiveWebhooks, type IncomingWebhook, type LockedWorkflow, type WebhookOutcome } from './receive-webhook';

/** More calls than this wait for the next batch, so one batch's transaction stays short. */
const MAX_BATCH = 200;

/**
 * Where a process's webhook calls meet: a call that finds no batch being written is
 * written at once, alone; calls that arrive while one is being written wait for it and
 * then go together in the next (a `BatchLane`). Quiet traffic pays nothing for this, a
 * burst pays one transaction and one flush per batch instead of one per call. A batch
 * whose workflows this process has met before goes in one round trip
 * (`receiveKnownWebhooks`); any other, in two (`receiveWebhooks`), which meets them.
 *
 * @example
 * const inbox = new WebhookInbox(db, deps);
 * const { runId } = await inbox.receive({ token, rawBody, headers });
 */
export class WebhookInbox {
  readonly #lane: BatchLane<IncomingWebhook, WebhookOutcome>;

  constructor(db: Database, deps: WorkflowDeps) {
    const known = new KnownWebhooks();
    const remember = { found: (workflows: readonly LockedWorkflow[]) => known.remember(workflows) };
    this.#lane = new BatchLane(
      async (calls: IncomingWebhook[]) => (await receiveKnownWebhooks(db, deps, known, calls)) ?? (await receiveWebhooks(db, deps, calls, remember)),
      { maxWeight: MAX_BATCH },
    );
  }

  /** Starts the call's run; rejects with a DomainError when the call is refused (see `receiveWebhook`). */
  async receive(incoming: IncomingWebhook): Promise<StartedRun> {
    const outcome = await this.#lane.submit(incoming);
    if (!outcome.ok) throw outcome.error;
    return outcome.run;
  }
}
