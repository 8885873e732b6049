import { sql } from 'drizzle-orm';
import type { TweetV2PostTweetResult } from 'twitter-api-v2';
import { publishAttempts, type Executor } from '@tweetflow/db';
import { APP_SCOPE, appWindowScopes, createXClient, neverReachedX, RateLimitLedger, RateLimitObserver, userScope, type LedgerGrant } from '@tweetflow/x';
import { XRateLimitedError } from '../../../x-accounts/errors';
import { giveBackUnits } from '../../../x-accounts/give-back-units';
import { asRateLimited } from '../../../x-accounts/with-x-account';
import { xPostBody } from '../send-item';
import type { PublishDeps } from '../publish-deps';
import type { BatchItem, BatchPost } from './claim-batch';

const ENDPOINT = 'POST /2/tweets';

/** One item on its way to X: the next item of one post of the batch. */
export type Sending = {
  post: BatchPost;
  item: BatchItem;
  /** Items in the post's thread, for "item 2 of 3" in reasons. */
  total: number;
  replyTo: string | null;
  accessToken: string;
};

/** How one sending ended: on X with an id, refused by the ledger before sending, or failed. */
export type SendResult = { sending: Sending; attemptId: string; xPostId: string } | SendFailure;

/** A sending that is not on X: refused by the ledger (no attempt was made) or failed. */
export type SendFailure = { sending: Sending; attemptId: null; error: XRateLimitedError } | { sending: Sending; attemptId: string; error: unknown };

/**
 * Sends one item of each post in one round trip per step rather than per post: the ledger
 * decides all of them in one statement, their attempts are recorded (and committed) in
 * one insert before any call leaves, the calls go out side by side, and all responses'
 * rate-limit headers are stored in one statement afterwards. When the insert fails no call
 * leaves, and the round gives its units back before it fails: its posts are retried and
 * take again, and units taken twice would shorten the app's 24-hour window for a day.
 *
 * @example
 * const results = await sendRound(db, deps, sendings);
 */
export async function sendRound(db: Executor, deps: PublishDeps, sendings: readonly Sending[]): Promise<SendResult[]> {
  const now = deps.clock.now();
  const ledger = new RateLimitLedger(db);
  const appWindows = await appWindowScopes(db, deps.xAccounts.apiTier, ENDPOINT, now);
  const decisions = await ledger.takeEach(
    sendings.map((sending) => userScope(sending.post.sender!.xUserId)),
    [APP_SCOPE, ...appWindows],
    ENDPOINT,
    now,
  );
  const results: SendResult[] = [];
  const granted: Sending[] = [];
  const grants: LedgerGrant[] = [];
  sendings.forEach((sending, index) => {
    const decision = decisions[index]!;
    if (decision.ok) {
      granted.push(sending);
      grants.push(decision);
    } else results.push({ sending, attemptId: null, error: new XRateLimitedError(ENDPOINT, decision.retryAt) });
  });
  if (granted.length === 0) return results;

  let attempts: Array<{ id: string; postId: string }>;
  try {
    attempts = await insertAttempts(db, granted, now);
  } catch (error) {
    await giveBackUnits(ledger, deps.xAccounts, ENDPOINT, grants);
    throw error;
  }
  // Matched by post (each post sends one item a round) rather than trusting RETURNING's order.
  const attemptOf = new Map(attempts.map((attempt) => [attempt.postId, attempt.id]));
  const observed: Array<{ xUserId: string; observer: RateLimitObserver }> = [];
  const unsent: LedgerGrant[] = [];
  const sent = await Promise.all(
    granted.map(async (sending, index) => {
      const attemptId = attemptOf.get(sending.post.id)!;
      const observer = new RateLimitObserver();
      observed.push({ xUserId: sending.post.sender!.xUserId, observer });
      try {
        return { sending, attemptId, xPostId: await createPost(deps, sending, observer) };
      } catch (error) {
        if (neverReachedX(error)) unsent.push(grants[index]!);
        return { sending, attemptId, error: asRateLimited(error, ENDPOINT, deps.clock.now()) };
      }
    }),
  );
  await recordHeaders(ledger, deps, observed);
  // Calls refused before connecting never reached X, so X did not count them either.
  if (unsent.length > 0) await giveBackUnits(ledger, deps.xAccounts, ENDPOINT, unsent);
  return [...results, ...sent];
}

function insertAttempts(db: Executor, granted: readonly Sending[], now: Date): Promise<Array<{ id: string; postId: string }>> {
  // One JSON parameter whatever the round's size (see `MAX_PREPARED_PARAMETERS` in @tweetflow/db).
  return db.execute<{ id: string; postId: string }>(sql`
    insert into ${publishAttempts} (post_id, item_position, job_id, started_at)
    select attempt."postId", attempt."itemPosition", attempt."jobId", ${now.toISOString()}::timestamptz
    from json_to_recordset(${JSON.stringify(granted.map((sending) => ({ postId: sending.post.id, itemPosition: sending.item.position, jobId: sending.post.jobId })))}::json)
      as attempt("postId" uuid, "itemPosition" int, "jobId" uuid)
    returning id, post_id as "postId"`);
}

async function createPost(deps: PublishDeps, sending: Sending, observer: RateLimitObserver): Promise<string> {
  const body = xPostBody({ text: sending.item.text, replyTo: sending.replyTo, quote: sending.item.position === 0 ? sending.post.quoteXPostId : null }, []);
  const x = createXClient({ accessToken: sending.accessToken, apiBaseUrl: deps.xAccounts.apiBaseUrl, plugins: [observer] });
  const result = await x.v2.post<TweetV2PostTweetResult>('tweets', body, { timeout: deps.xRequestTimeoutMs });
  return result.data.id;
}

/** A ledger write that fails must not turn calls X completed into failed ones. */
async function recordHeaders(ledger: RateLimitLedger, deps: PublishDeps, observed: Array<{ xUserId: string; observer: RateLimitObserver }>): Promise<void> {
  const responses = observed.flatMap(({ xUserId, observer }) =>
    observer.drain().map(({ endpoint, rateLimit }) => ({ xUserId, endpoint, observed: rateLimit })),
  );
  try {
    await ledger.recordResponses(responses);
  } catch (error) {
    deps.xAccounts.logger.warn({ err: error }, 'could not record X rate-limit headers');
  }
}
