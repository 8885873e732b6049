import type { Executor } from '@tweetflow/db';
import type { StartedRun } from '../runs/start-run';
import type { WorkflowDeps } from '../workflow-deps';
import { receiveWebhooks, type IncomingWebhook } from './receive-webhook';

type WaitingCall = { incoming: IncomingWebhook; resolve: (run: StartedRun) => void; reject: (error: unknown) => void };

/** More calls than this wait for the next batch, so one batch's transaction stays short. */
const MAX_BATCH = 200;

/**
 * Where a process's webhook calls meet: a call that finds no batch being written is
 * written at once, alone; calls that arrive while one is being written wait for it and
 * then go together in the next. Quiet traffic pays nothing for this, a burst pays one
 * transaction and one flush per batch instead of one per call.
 *
 * @example
 * const inbox = new WebhookInbox(db, deps);
 * const { runId } = await inbox.receive({ token, rawBody, headers });
 */
export class WebhookInbox {
  readonly #db: Executor;
  readonly #deps: WorkflowDeps;
  #waiting: WaitingCall[] = [];
  #writing = false;

  constructor(db: Executor, deps: WorkflowDeps) {
    this.#db = db;
    this.#deps = deps;
  }

  /** Starts the call's run; rejects with a DomainError when the call is refused (see `receiveWebhook`). */
  receive(incoming: IncomingWebhook): Promise<StartedRun> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ incoming, resolve, reject });
      if (!this.#writing) void this.#writeBatches();
    });
  }

  async #writeBatches(): Promise<void> {
    this.#writing = true;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, MAX_BATCH);
      try {
        const outcomes = await receiveWebhooks(
          this.#db,
          this.#deps,
          batch.map((call) => call.incoming),
        );
        batch.forEach((call, index) => {
          const outcome = outcomes[index]!;
          if (outcome.ok) call.resolve(outcome.run);
          else call.reject(outcome.error);
        });
      } catch (error) {
        for (const call of batch) call.reject(error);
      }
    }
    this.#writing = false;
  }
}
