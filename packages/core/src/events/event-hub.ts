import type postgres from 'postgres';
import type { Logger } from '../runtime/logger';
import { parseEnvelope, WORKSPACE_EVENTS_CHANNEL, type WorkspaceEvent } from './workspace-events';

type Listener = (event: WorkspaceEvent) => void;

/**
 * One LISTEN connection per web process, fanned out to every open stream by workspace.
 * The connection is opened on the first subscriber, so processes that never stream
 * (the worker, tests) hold no extra connection.
 *
 * @example
 * const hub = new WorkspaceEventHub(sql, logger);
 * const stop = await hub.subscribe(workspaceId, (event) => send(event));
 */
export class WorkspaceEventHub {
  #listeners = new Map<string, Set<Listener>>();
  #listening: Promise<{ unlisten(): Promise<void> }> | undefined;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly logger: Logger,
  ) {}

  async subscribe(workspaceId: string, listener: Listener): Promise<() => void> {
    this.#listening ??= this.sql.listen(WORKSPACE_EVENTS_CHANNEL, (payload) => this.#dispatch(payload));
    await this.#listening;
    const listeners = this.#listeners.get(workspaceId) ?? new Set();
    listeners.add(listener);
    this.#listeners.set(workspaceId, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#listeners.delete(workspaceId);
    };
  }

  async close(): Promise<void> {
    const listening = this.#listening;
    this.#listening = undefined;
    this.#listeners.clear();
    if (listening) await (await listening).unlisten();
  }

  #dispatch(payload: string): void {
    const envelope = parseEnvelope(payload);
    if (!envelope) return;
    for (const listener of this.#listeners.get(envelope.workspaceId) ?? []) {
      try {
        listener(envelope.event);
      } catch (error) {
        this.logger.warn({ err: error }, 'a workspace event listener failed');
      }
    }
  }
}

/**
 * The events of one workspace as an async iterable that ends when `signal` aborts, for
 * tRPC subscriptions. It is listening once the promise resolves, so a change made right
 * after the stream is announced as open is not missed; events arriving faster than the
 * consumer reads are buffered.
 *
 * @example
 * const events = await openWorkspaceEvents(hub, workspaceId, signal);
 * for await (const event of events) send(event);
 */
export async function openWorkspaceEvents(hub: WorkspaceEventHub, workspaceId: string, signal: AbortSignal): Promise<AsyncGenerator<WorkspaceEvent>> {
  const buffer: WorkspaceEvent[] = [];
  let wake: (() => void) | undefined;
  const stop = await hub.subscribe(workspaceId, (event) => {
    buffer.push(event);
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  return (async function* () {
    try {
      while (!signal.aborted) {
        const next = buffer.shift();
        if (next) {
          yield next;
          continue;
        }
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = undefined;
      }
    } finally {
      stop();
    }
  })();
}
