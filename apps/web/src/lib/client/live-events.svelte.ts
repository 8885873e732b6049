import type { Unsubscribable } from '@trpc/server/observable';
import type { WorkspaceEvent } from '#lib/client/publishing-types.ts';
import { trpc } from '#lib/trpc.ts';

export type LiveConnection = 'off' | 'connecting' | 'live' | 'reconnecting';

/** What a listener hears: a workspace event, or `resync` after the stream (re)started. */
export type LiveMessage = WorkspaceEvent | { type: 'resync' };

type Listener = (message: LiveMessage) => void;

/**
 * The workspace's live events (post status changes, notifications) over one Server-Sent
 * Events stream per tab, shared by every component that listens. The stream opens with the
 * first listener and closes with the last. Each (re)start is announced as `resync`, so a
 * page can reload what it shows: events sent while the stream was down are not replayed.
 */
class LiveEvents {
  #connection = $state<LiveConnection>('off');
  #workspaceId: string | null = null;
  #subscription: Unsubscribable | null = null;
  #listeners = new Set<Listener>();

  get connection(): LiveConnection {
    return this.#connection;
  }

  /**
   * Listens to a workspace's events until the returned function is called.
   *
   * @example
   * $effect(() => liveEvents.listen(workspaceId, (message) => { … }));
   */
  listen(workspaceId: string, listener: Listener): () => void {
    if (this.#workspaceId !== workspaceId) this.#open(workspaceId);
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#close();
    };
  }

  #open(workspaceId: string): void {
    this.#close();
    this.#workspaceId = workspaceId;
    this.#connection = 'connecting';
    this.#subscription = trpc.events.workspace.subscribe(
      { workspaceId },
      {
        onStarted: () => {
          this.#connection = 'live';
          this.#emit({ type: 'resync' });
        },
        onData: (event) => this.#emit(event as WorkspaceEvent),
        // The link reconnects by itself and reports `started` again once it is back.
        onConnectionStateChange: (state) => {
          if (state.state === 'connecting' && this.#connection === 'live') this.#connection = 'reconnecting';
        },
        onError: () => (this.#connection = 'off'),
      },
    );
  }

  #close(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    this.#workspaceId = null;
    this.#connection = 'off';
  }

  #emit(message: LiveMessage): void {
    for (const listener of this.#listeners) listener(message);
  }
}

export const liveEvents = new LiveEvents();
