import { liveEvents } from '#lib/client/live-events.svelte.ts';

/** New snapshots often arrive in bursts (one per batch of 100 posts): reload once per burst. */
const SETTLE_MS = 1_500;

/**
 * Calls `reload` when new metric snapshots are stored for the workspace (and after the live
 * stream reconnects, since events sent while it was down are not replayed). Returns the
 * function that stops listening, for `$effect`.
 *
 * @example
 * $effect(() => followMetrics(workspaceId, () => void load()));
 */
export function followMetrics(workspaceId: string, reload: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = liveEvents.listen(workspaceId, (message) => {
    if (message.type !== 'metrics.updated' && message.type !== 'resync') return;
    clearTimeout(timer);
    timer = setTimeout(reload, SETTLE_MS);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}

/** Whether the live stream is up, for the "Live" badge. */
export function liveConnection(): string {
  return liveEvents.connection;
}
