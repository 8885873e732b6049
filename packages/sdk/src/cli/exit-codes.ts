import { TweetFlowError } from '../errors.ts';

/** The CLI's exit codes; scripts can rely on them (documented in the package README). */
export const EXIT = {
  ok: 0,
  /** The command could not run as given: wrong options or arguments, an unreadable file, not logged in. */
  usage: 1,
  /** The API refused the request (4xx): bad input, no permission, revoked token, not found. */
  refused: 2,
  /** The server failed (5xx) or could not be reached. */
  unavailable: 3,
  /** The post or run being watched ended in failure. */
  failed: 4,
} as const;

/**
 * The exit code for an error that ended a command.
 *
 * @example
 * process.exitCode = exitCodeFor(error);
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof TweetFlowError) return error.isRefusal ? EXIT.refused : EXIT.unavailable;
  // A watch that ran out of --timeout: what it waited for did not come from the server.
  if (error instanceof DOMException && error.name === 'TimeoutError') return EXIT.unavailable;
  // Usage errors, and anything unexpected: the command did not run as given.
  return EXIT.usage;
}
