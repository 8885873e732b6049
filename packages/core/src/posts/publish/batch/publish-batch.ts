import { ApiResponseError } from 'twitter-api-v2';
import type { Executor } from '@tweetflow/db';
import { REFRESH_MARGIN_MS } from '../../../x-accounts/get-fresh-access-token';
import { finishAttempt } from '../publish-attempts';
import { ItemFailure, recordFailedAttempt, settleFailure } from '../publish-failures';
import type { PublishDeps } from '../publish-deps';
import { publishPost, type PublishJob, type PublishOutcome } from '../publish-post';
import { claimBatch, type BatchItem, type BatchPost } from './claim-batch';
import { recordPublished, type PublishedItem } from './record-published';
import { sendRound, type SendFailure, type Sending } from './send-round';

/**
 * How a job of the batch ended: an outcome (with the X ids of a post published here, in
 * thread order), or the error pg-boss should see (a retry).
 */
export type JobSettlement = { jobId: string; outcome: PublishOutcome; xPostIds?: string[] } | { jobId: string; error: unknown };

/** A post on the batch path: its unpublished items still to send, in order, after the X ids of those already on X. */
type Thread = { post: BatchPost; pending: BatchItem[]; onX: string[]; total: number; replyTo: string | null; accessToken: string };

/**
 * Publishes a batch of due posts with the same guarantees as `publishPost`, but with a
 * few statements per batch instead of a score per post: one claim (with the items),
 * then per round (the next item of every thread) one ledger decision, one attempts
 * insert committed before the calls go out side by side, and one commit recording what X
 * accepted. Posts that need more than sending text (media to upload, an earlier attempt
 * to reconcile on the timeline, a paused queue, an account that cannot post or whose
 * token needs refreshing) go the one-post path, as does any post after a 401.
 *
 * @example
 * const settlements = await publishBatch(db, deps, jobs);
 */
export async function publishBatch(db: Executor, deps: PublishDeps, jobs: readonly PublishJob[]): Promise<JobSettlement[]> {
  const claimed = await claimBatch(db, jobs, deps.clock.now());
  const jobsById = new Map(jobs.map((job) => [job.id, job]));
  const claimedJobs = new Set(claimed.map((post) => post.jobId));
  const settlements: JobSettlement[] = jobs.filter((job) => !claimedJobs.has(job.id)).map((job) => ({ jobId: job.id, outcome: 'stood_down' }));

  const now = deps.clock.now();
  const onePostPath: PublishJob[] = [];
  let threads: Thread[] = [];
  for (const post of claimed) {
    const thread = batchThread(post, post.items, now, deps);
    if (thread) threads.push(thread);
    else onePostPath.push(jobsById.get(post.jobId)!);
  }

  while (threads.length > 0) {
    const results = await sendRound(db, deps, threads.map(nextSending));
    const published: PublishedItem[] = [];
    const settled: JobSettlement[] = [];
    const continuing: Thread[] = [];
    for (const result of results) {
      const thread = threads.find((candidate) => candidate.post === result.sending.post)!;
      if ('xPostId' in result) {
        const rest = thread.pending.slice(1);
        const onX = [...thread.onX, result.xPostId];
        published.push({ post: thread.post, itemId: result.sending.item.id, attemptId: result.attemptId, xPostId: result.xPostId, completesPost: rest.length === 0 });
        if (rest.length > 0) continuing.push({ ...thread, pending: rest, onX, replyTo: result.xPostId });
        else settled.push({ jobId: thread.post.jobId, outcome: 'published', xPostIds: onX });
      }
    }
    await recordPublished(db, published, deps.clock.now());
    settlements.push(...settled);
    const failures = results.filter((result): result is SendFailure => !('xPostId' in result));
    settlements.push(...(await Promise.all(failures.map((failure) => settleSendFailure(db, deps, failure, jobsById, onePostPath)))).flat());
    threads = continuing;
  }

  settlements.push(...(await Promise.all(onePostPath.map((job) => publishOnePost(db, deps, job)))));
  return settlements;
}

/** The post as a batch thread, or null when it needs the one-post path. */
function batchThread(post: BatchPost, items: BatchItem[], now: Date, deps: PublishDeps): Thread | null {
  const sender = post.sender;
  if (!sender || sender.queuePaused || sender.status !== 'active') return null;
  if (sender.accessTokenExpiresAt.getTime() - now.getTime() <= REFRESH_MARGIN_MS) return null;
  if (items.length === 0 || items.some((item) => item.hasMedia || item.unresolved)) return null;
  const pending = items.filter((item) => !item.xPostId);
  // Every item is on X already (a crash right after the last call): the one-post path marks it published.
  if (pending.length === 0) return null;
  const onX = items.flatMap((item) => (item.xPostId ? [item.xPostId] : []));
  const replyTo = onX.at(-1) ?? post.replyToXPostId;
  return { post, pending, onX, total: items.length, replyTo, accessToken: deps.xAccounts.keyring.decrypt(sender.accessTokenCiphertext) };
}

function nextSending(thread: Thread): Sending {
  return { post: thread.post, item: thread.pending[0]!, total: thread.total, replyTo: thread.replyTo, accessToken: thread.accessToken };
}

/**
 * A call that did not put the item on X. A 401 (X did not act) hands the post to the
 * one-post path, which refreshes the token and tries once more; everything else is
 * settled as the one-post path settles it: deferred to the window's reset, retried, or
 * failed with a reason.
 */
async function settleSendFailure(
  db: Executor,
  deps: PublishDeps,
  failure: SendFailure,
  jobsById: Map<string, PublishJob>,
  onePostPath: PublishJob[],
): Promise<JobSettlement[]> {
  const { post, item, total } = failure.sending;
  const job = jobsById.get(post.jobId)!;
  if (failure.attemptId && isUnauthorized(failure.error)) {
    await finishAttempt(db, failure.attemptId, { status: 'failed', errorKind: 'auth', errorMessage: 'X refused the access token (401).', now: deps.clock.now() });
    onePostPath.push(job);
    return [];
  }
  if (failure.attemptId) await recordFailedAttempt(db, deps, failure.attemptId, failure.error);
  try {
    return [{ jobId: job.id, outcome: await settleFailure(db, deps, post, job, new ItemFailure(item.position, total, failure.error)) }];
  } catch (error) {
    return [{ jobId: job.id, error }];
  }
}

async function publishOnePost(db: Executor, deps: PublishDeps, job: PublishJob): Promise<JobSettlement> {
  try {
    return { jobId: job.id, outcome: await publishPost(db, deps, job) };
  } catch (error) {
    return { jobId: job.id, error };
  }
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiResponseError && error.code === 401;
}
