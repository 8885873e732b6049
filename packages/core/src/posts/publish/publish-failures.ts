import { classifyXError, neverReachedX } from '@tweetflow/x';
import type { Executor } from '@tweetflow/db';
import { XAccountNeedsReauthError, XAccountNotFoundError, XAccountRefreshUnavailableError, XRateLimitedError } from '../../x-accounts/errors';
import type { ClaimedPost } from './claim-post';
import { finishAttempt } from './publish-attempts';
import { awaitRetry, deferPost, failPost } from './post-outcomes';
import type { PublishDeps } from './publish-deps';
import type { PublishJob, PublishOutcome } from './publish-post';

/** Thrown to make pg-boss retry the job with backoff; the post already says why. */
export class PublishRetryError extends Error {
  override readonly name = 'PublishRetryError';
}

/** Which item failed, so the reason can say "item 3 of 5" and what is already on X. */
export class ItemFailure extends Error {
  constructor(
    readonly position: number,
    readonly total: number,
    override readonly cause: unknown,
  ) {
    super('publishing an item failed', { cause });
  }
}

/** Whether X may have acted on a call that failed this way (a connection refused: it cannot have). */
export function mayHaveReachedX(error: unknown): boolean {
  if (error instanceof XRateLimitedError || error instanceof XAccountNeedsReauthError) return false;
  if (error instanceof XAccountRefreshUnavailableError || error instanceof XAccountNotFoundError) return false;
  return classifyXError(error).kind === 'transient' && !neverReachedX(error);
}

export async function recordFailedAttempt(db: Executor, deps: PublishDeps, attemptId: string, error: unknown): Promise<void> {
  const unknown = mayHaveReachedX(error);
  const { kind, message } = describe(error);
  await finishAttempt(db, attemptId, {
    status: unknown ? 'outcome_unknown' : 'failed',
    errorKind: kind,
    errorMessage: message,
    now: deps.clock.now(),
  });
}

function describe(error: unknown): { kind: string; message: string } {
  if (error instanceof XRateLimitedError) return { kind: 'rate_limited', message: error.message };
  if (error instanceof XAccountNeedsReauthError) return { kind: 'auth', message: error.message };
  if (error instanceof XAccountRefreshUnavailableError) return { kind: 'transient', message: error.message };
  if (error instanceof XAccountNotFoundError) return { kind: 'permanent', message: 'The X account of this post was disconnected; edit the post to choose another account.' };
  return classifyXError(error);
}

export async function settleFailure(db: Executor, deps: PublishDeps, post: ClaimedPost, job: PublishJob, error: unknown): Promise<PublishOutcome> {
  if (!(error instanceof ItemFailure)) throw error;
  const cause = error.cause;
  const now = deps.clock.now();
  const where = error.total > 1 ? `Item ${error.position + 1} of ${error.total}: ` : '';
  const onX = error.position > 0 ? ` The first ${error.position} of the thread ${error.position === 1 ? 'is' : 'are'} on X; retrying publishes the rest.` : '';
  if (cause instanceof XRateLimitedError) {
    const reset = cause.retryAt.toISOString().slice(11, 16);
    await deferPost(db, deps, post, { at: cause.retryAt, reason: `Waiting for X's rate limit to reset at ${reset} UTC.` });
    return 'deferred';
  }
  const { kind, message } = describe(cause);
  if (kind === 'transient') {
    if (job.retryCount < job.retryLimit) {
      await awaitRetry(db, post, { reason: `${where}${message}`, outcomeUnknown: mayHaveReachedX(cause), now });
      throw new PublishRetryError(message, { cause });
    }
    await failPost(db, post, `${where}X kept failing after ${job.retryCount + 1} tries: ${message}${onX}`, now);
    return 'failed';
  }
  await failPost(db, post, `${where}${message}${onX}`, now);
  return 'failed';
}
