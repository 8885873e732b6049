import { getPriority, setPriority } from 'node:os';
import type { Logger } from '@tweetflow/core';

/**
 * Lowers this process's CPU priority to `niceness` (never raises it: a worker started
 * with `nice -n 15` stays at 15). On a machine the worker shares with the web server,
 * a webhook's caller and a person's click wait on the web server while a background run
 * can wait a few milliseconds; the scheduler then gives the web server the CPU first.
 * Answers the niceness the process runs at.
 *
 * @example
 * giveWayToWebServer(config.WORKER_NICENESS, logger); // 10
 */
export function giveWayToWebServer(niceness: number, logger: Pick<Logger, 'warn'>): number {
  const current = getPriority();
  if (niceness <= current) return current;
  try {
    setPriority(niceness);
    return niceness;
  } catch (error) {
    // Raising niceness needs no privilege on Linux; a platform that refuses it runs as it was.
    logger.warn({ err: error, niceness }, 'could not lower the worker priority; it keeps its priority');
    return current;
  }
}
