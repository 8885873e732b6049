import type { TweetFlowClient } from './client.ts';
import { TweetFlowError } from './errors.ts';
import type { WorkspaceEvent } from './types.ts';

export type WorkspaceWatch<T> = {
  /** The thing's state now, if it is already settled; undefined to keep watching. */
  settled(): Promise<T | undefined>;
  /** Whether an event concerns the thing (then `settled` is asked again). Throw to give up. */
  concerns(event: WorkspaceEvent): boolean;
};

// The server may announce the stream a moment before it listens for changes, and events
// sent while reconnecting are not replayed: a slow read of the state covers both gaps.
const RECHECK_EVERY_MS = 5_000;

/**
 * Follows a workspace's live events until `watch.settled()` answers. The state is read
 * when the stream (re)connects, after each relevant event, and every few seconds besides,
 * so a change is never missed even when its event is.
 *
 * @example
 * const post = await watchWorkspaceUntil(client, workspaceId, { settled: readIfPublished, concerns: (event) => event.type === 'post.changed' });
 */
export function watchWorkspaceUntil<T>(
  client: TweetFlowClient,
  workspaceId: string,
  watch: WorkspaceWatch<T>,
  options: { signal?: AbortSignal; onEvent?: (event: WorkspaceEvent) => void } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    // Checks run one after another, so a slow early read cannot overtake a later one.
    let checks = Promise.resolve();
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      // Deferred: a callback may run before `subscribe` has returned the subscription.
      queueMicrotask(() => subscription.unsubscribe());
      clearInterval(recheck);
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const check = () => {
      checks = checks.then(async () => {
        if (done) return;
        try {
          const value = await watch.settled();
          if (value !== undefined) finish(() => resolve(value));
        } catch (error) {
          finish(() => reject(TweetFlowError.of(error)));
        }
      });
    };
    const onAbort = () => finish(() => reject(options.signal!.reason));
    const recheck = setInterval(check, RECHECK_EVERY_MS);

    const subscription = client.events.workspace.subscribe(
      { workspaceId },
      {
        onStarted: check,
        onData: (event) => {
          if (done) return;
          try {
            if (!watch.concerns(event)) return;
          } catch (error) {
            finish(() => reject(error));
            return;
          }
          options.onEvent?.(event);
          check();
        },
        onError: (error) => finish(() => reject(TweetFlowError.of(error))),
        onComplete: () => finish(() => reject(new Error('The server closed the event stream before the watch was settled.'))),
      },
    );
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort);
  });
}
