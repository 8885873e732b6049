/**
 * A mistake in how the CLI was called (a missing option, an unreadable file, no login):
 * the CLI prints the message and exits with the usage exit code, without a stack trace.
 *
 * @example
 * throw new UsageError('--at needs a date and time like "2026-12-01 09:00".');
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
