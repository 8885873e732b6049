import { json, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { authorizeWorkspace, createApiContext, retryAfterHeader } from '@tweetflow/api';
import { DomainError, type WorkspaceRole } from '@tweetflow/core';
import { getRuntime } from './runtime.ts';

/** The HTTP status for each kind of refusal a service can raise. */
export const DOMAIN_ERROR_STATUS: Record<DomainError['kind'], number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
};

/** A JSON error a person (or the SDK) can act on: `{ error: { message } }`. */
export function jsonError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return json({ error: { message } }, { status, headers });
}

/**
 * Runs a plain HTTP endpoint of the API (one tRPC cannot carry, like file upload) for a
 * caller with at least `role` in the workspace, under the same access rules as the
 * procedures. Refusals and domain errors become readable JSON errors; anything else is
 * logged and answered with a calm 500.
 *
 * @example
 * return withWorkspaceAccess(event, workspaceId, 'editor', async ({ runtime, userId }) => json(…));
 */
export async function withWorkspaceAccess(
  event: Pick<RequestEvent, 'locals'>,
  workspaceId: string,
  role: WorkspaceRole,
  handle: (context: { runtime: Awaited<ReturnType<typeof getRuntime>>; userId: string }) => Promise<Response>,
): Promise<Response> {
  const runtime = await getRuntime();
  const caller = event.locals.caller;
  if (!caller) return jsonError(401, event.locals.authFailure ?? 'Please sign in to continue.');
  try {
    await authorizeWorkspace({ ...createApiContext(runtime, caller), caller }, workspaceId, role);
    return await handle({ runtime, userId: caller.userId });
  } catch (error) {
    if (error instanceof TRPCError) return jsonError(getHTTPStatusCodeFromError(error), error.message);
    if (error instanceof DomainError) {
      return jsonError(DOMAIN_ERROR_STATUS[error.kind], error.message, error.retryAt ? retryAfterHeader(error.retryAt, runtime.clock.now()) : {});
    }
    runtime.logger.error({ err: error }, 'API endpoint failed');
    return jsonError(500, 'Something went wrong on our side. Please try again.');
  }
}
