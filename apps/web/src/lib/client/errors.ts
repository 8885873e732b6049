import { TRPCClientError } from '@trpc/client';

/**
 * A sentence to show for a failed call. The API already phrases its errors for people;
 * anything else (a dropped connection, a bug) gets a calm generic line, never a stack.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof TRPCClientError && error.message) return error.message;
  return 'The server could not be reached. Check your connection and try again.';
}
