import { asc, eq, sql } from 'drizzle-orm';
import { postItems, publishAttempts, type Executor } from '@tweetflow/db';
import { classifyXError } from '@tweetflow/x';
import { XAccountNeedsReauthError, XAccountNotFoundError, XAccountRefreshUnavailableError, XRateLimitedError } from '../../x-accounts/errors';
import { claimPost, type ClaimedPost } from './claim-post';
import { findOnTimeline } from './find-on-timeline';
import { finishAttempt, resolveAttempts, startAttempt } from './publish-attempts';
import { awaitRetry, deferPost, failPost, holdPost, markItemPublished, markPostPublished } from './post-outcomes';
import type { PublishDeps } from './publish-deps';
import { createXPost, uploadItemMedia } from './send-item';

/** The pg-boss job being run: its id and how many tries it has had and may have. */
export type PublishJob = { id: string; postId: string; retryCount: number; retryLimit: number };

export type PublishOutcome = 'published' | 'failed' | 'deferred' | 'held' | 'stood_down' | 'retrying';

/** Thrown to make pg-boss retry the job with backoff; the post already says why. */
export class PublishRetryError extends Error {
  override readonly name = 'PublishRetryError';
}

/**
 * Publishes a post's thread item by item, so that nothing is lost and nothing is posted
 * twice. Items already on X are skipped (a thread that failed at item N resumes at N,
 * replying to N-1). An item whose previous attempt got no answer is first looked up on
 * the timeline. Each call to X is recorded as an attempt before it is made. Rate-limit
 * exhaustion moves the post to the window's reset; transient failures retry with backoff
 * (by throwing `PublishRetryError`); permanent ones fail the post with a reason.
 *
 * @example
 * const outcome = await publishPost(db, deps, { id: job.id, postId, retryCount: job.retryCount, retryLimit: 8 });
 */
export async function publishPost(db: Executor, deps: PublishDeps, job: PublishJob): Promise<PublishOutcome> {
  const post = await claimPost(db, { postId: job.postId, jobId: job.id, now: deps.clock.now() });
  if (!post) return 'stood_down';
  if (!post.account) {
    await failPost(db, post, 'The X account of this post was disconnected; edit the post to choose another account.', deps.clock.now());
    return 'failed';
  }
  if (post.account.queuePaused) {
    await holdPost(db, post, deps.clock.now());
    return 'held';
  }
  let markedPublished: boolean;
  try {
    markedPublished = await publishItems(db, deps, post, post.account, job.id);
  } catch (error) {
    return settleFailure(db, deps, post, job, error);
  }
  if (!markedPublished) await markPostPublished(db, post, deps.clock.now());
  return 'published';
}

async function publishItems(
  db: Executor,
  deps: PublishDeps,
  post: ClaimedPost,
  account: NonNullable<ClaimedPost['account']>,
  jobId: string,
): Promise<boolean> {
  const items = await db
    .select({
      id: postItems.id,
      position: postItems.position,
      text: postItems.text,
      xPostId: postItems.xPostId,
      // When the item's latest attempt nobody knows the outcome of began (`pending`: the
      // process died during the call; `outcome_unknown`: X did not answer), read along
      // with the items rather than asked for item by item.
      unresolvedSince: sql<Date | null>`(
        select max(${publishAttempts.startedAt}) from ${publishAttempts}
        where ${publishAttempts.postId} = ${postItems.postId} and ${publishAttempts.itemPosition} = ${postItems.position}
          and ${publishAttempts.status} in ('pending', 'outcome_unknown'))`.mapWith(publishAttempts.startedAt),
    })
    .from(postItems)
    .where(eq(postItems.postId, post.id))
    .orderBy(asc(postItems.position));
  let previous = post.replyToXPostId;
  for (const item of items) {
    // Publishing the last item publishes the post, in the same transaction.
    const completes = item === items.at(-1) ? post : undefined;
    if (item.xPostId) {
      previous = item.xPostId;
      continue;
    }
    const failedAt = (error: unknown) => new ItemFailure(item.position, items.length, error);
    if (item.unresolvedSince) {
      const found = await findOnTimeline(db, deps, {
        accountId: account.id,
        xUserId: account.xUserId,
        text: item.text,
        inReplyTo: previous,
        since: item.unresolvedSince,
      }).catch((error: unknown) => {
        throw failedAt(error);
      });
      const now = deps.clock.now();
      await resolveAttempts(db, { postId: post.id, itemPosition: item.position, status: found ? 'found_on_timeline' : 'not_on_timeline', ...(found ? { xPostId: found } : {}), now });
      if (found) {
        await markItemPublished(db, { postItemId: item.id, xPostId: found, attemptId: null, now, completes });
        previous = found;
        if (completes) return true;
        continue;
      }
    }
    const mediaIds = await uploadItemMedia(db, deps, account.id, item.id).catch((error: unknown) => {
      throw failedAt(error);
    });
    const attemptId = await startAttempt(db, { postId: post.id, itemPosition: item.position, jobId, now: deps.clock.now() });
    let xPostId: string;
    try {
      xPostId = await createXPost(db, deps, account.id, { text: item.text, replyTo: previous, quote: item.position === 0 ? post.quoteXPostId : null }, mediaIds);
    } catch (error) {
      await recordFailedAttempt(db, deps, attemptId, error);
      throw failedAt(error);
    }
    await markItemPublished(db, { postItemId: item.id, xPostId, attemptId, now: deps.clock.now(), completes });
    previous = xPostId;
    if (completes) return true;
  }
  return false;
}

/** Which item failed, so the reason can say "item 3 of 5" and what is already on X. */
class ItemFailure extends Error {
  constructor(
    readonly position: number,
    readonly total: number,
    override readonly cause: unknown,
  ) {
    super('publishing an item failed', { cause });
  }
}

/** Whether X may have acted on a call that failed this way. */
function mayHaveReachedX(error: unknown): boolean {
  if (error instanceof XRateLimitedError || error instanceof XAccountNeedsReauthError) return false;
  if (error instanceof XAccountRefreshUnavailableError || error instanceof XAccountNotFoundError) return false;
  return classifyXError(error).kind === 'transient';
}

async function recordFailedAttempt(db: Executor, deps: PublishDeps, attemptId: string, error: unknown): Promise<void> {
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

async function settleFailure(db: Executor, deps: PublishDeps, post: ClaimedPost, job: PublishJob, error: unknown): Promise<PublishOutcome> {
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
