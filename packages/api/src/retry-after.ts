import type { TRPCError } from '@trpc/server';

/**
 * `Retry-After` in whole seconds (at least 1) for a refusal that says when to try again.
 *
 * @example
 * retryAfterHeader(error.retryAt, clock.now()); // { 'retry-after': '42' }
 */
export function retryAfterHeader(retryAt: Date, now: Date): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000))) };
}

/**
 * The `Retry-After` header for a tRPC response that carries refusals with a retry time,
 * e.g. a request limit; the latest retry time wins, so a client that waits that long finds
 * every refused call allowed again. Empty when nothing says when.
 *
 * @example
 * fetchRequestHandler({ …, responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors, new Date()) }) });
 */
export function retryAfterHeaders(errors: readonly TRPCError[], now: Date): Record<string, string> {
  const times = errors
    .filter((error) => error.code === 'TOO_MANY_REQUESTS')
    .map((error) => (error.cause as { retryAt?: unknown } | undefined)?.retryAt)
    .filter((retryAt): retryAt is Date => retryAt instanceof Date);
  if (times.length === 0) return {};
  return retryAfterHeader(new Date(Math.max(...times.map((time) => time.getTime()))), now);
}
