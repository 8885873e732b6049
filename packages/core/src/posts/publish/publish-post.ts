import { asc, eq, sql } from 'drizzle-orm';
import { postItems, publishAttempts, type Executor } from '@tweetflow/db';
import { claimPost, type ClaimedPost } from './claim-post';
import { findOnTimeline } from './find-on-timeline';
import { resolveAttempts, startAttempt } from './publish-attempts';
import { ItemFailure, recordFailedAttempt, settleFailure } from './publish-failures';
import { failPost, holdPost, markItemPublished, markPostPublished } from './post-outcomes';
import type { PublishDeps } from './publish-deps';
import { createXPost, uploadItemMedia } from './send-item';

export { PublishRetryError } from './publish-failures';

/** The pg-boss job being run: its id and how many tries it has had and may have. */
export type PublishJob = { id: string; postId: string; retryCount: number; retryLimit: number };

export type PublishOutcome = 'published' | 'failed' | 'deferred' | 'held' | 'stood_down' | 'retrying';

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
      // Spelled out with table names: drizzle leaves columns unqualified in a one-table
      // select, and an unqualified post_id inside the subquery would be the attempt's own
      // (every post's unresolved attempt would then send this one to the timeline).
      unresolvedSince: sql<Date | null>`(
        select max(attempt.started_at) from ${publishAttempts} as attempt
        where attempt.post_id = "post_items"."post_id" and attempt.item_position = "post_items"."position"
          and attempt.status in ('pending', 'outcome_unknown'))`.mapWith(publishAttempts.startedAt),
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

