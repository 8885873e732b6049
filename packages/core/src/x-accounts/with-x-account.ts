import { eq } from 'drizzle-orm';
import { ApiResponseError, type TwitterApi } from 'twitter-api-v2';
import { xAccounts, type Executor } from '@tweetflow/db';
import { APP_SCOPE, appWindowScopes, classifyXError, createXClient, neverReachedX, RateLimitLedger, RateLimitObserver, userScope, type TakeOptions } from '@tweetflow/x';
import { XAccountNotFoundError, XRateLimitedError } from './errors';
import { assertUsable, getFreshAccessToken } from './get-fresh-access-token';
import { giveBackUnits } from './give-back-units';
import type { XAccountDeps } from './x-account-deps';

/** When X answers 429 without saying when the window resets, its windows are 15 minutes. */
const DEFAULT_WINDOW_MS = 15 * 60_000;

/**
 * The one door for X calls made on an account's behalf. It takes a unit from the account's
 * and the app's rate-limit windows for `endpoint` first (none left: `XRateLimitedError` with
 * the window's reset, and nothing is sent; the app-wide 15-minute window X never reports is
 * counted too), gets a fresh token, runs `call`, and puts every response's rate-limit
 * headers into the ledger. A call that never left — the token refresh failed, or the
 * connection was refused before any request was answered — gives its unit back. A 401 gets one forced refresh and one
 * retry: X did not act on a request it refused to authenticate, so repeating it is safe.
 *
 * @example
 * const { data } = await withXAccount(db, deps, accountId, 'POST /2/tweets', (x) => x.v2.tweet(text));
 * // Background work leaves half of every window to the rest of the app:
 * await withXAccount(db, deps, accountId, 'GET /2/tweets', (x) => x.v2.tweets(ids), { keepShare: 0.5 });
 */
export async function withXAccount<T>(
  db: Executor,
  deps: XAccountDeps,
  accountId: string,
  endpoint: string,
  call: (client: TwitterApi) => Promise<T>,
  options: TakeOptions = {},
): Promise<T> {
  const [account] = await db
    .select({ xUserId: xAccounts.xUserId, username: xAccounts.username, status: xAccounts.status, statusReason: xAccounts.statusReason })
    .from(xAccounts)
    .where(eq(xAccounts.id, accountId));
  if (!account) throw new XAccountNotFoundError(accountId);
  // Before the ledger: a unit taken for a call that cannot be sent would never be given back.
  assertUsable(accountId, account);
  const ledger = new RateLimitLedger(db);
  const now = deps.clock.now();
  const appWindows = await appWindowScopes(db, deps.apiTier, endpoint, now);
  const [decision] = await ledger.takeEach([userScope(account.xUserId)], [APP_SCOPE, ...appWindows], endpoint, now, options);
  if (decision && !decision.ok) throw new XRateLimitedError(endpoint, decision.retryAt);

  const attempt = async (accessToken: string): Promise<T> => {
    const observer = new RateLimitObserver();
    try {
      return await call(createXClient({ accessToken, apiBaseUrl: deps.apiBaseUrl, plugins: [observer] }));
    } catch (error) {
      // Only a call none of whose requests got an answer gives its unit back: one that
      // paged or looked something up first and then lost the connection did reach X.
      if (neverReachedX(error) && observer.answers === 0 && decision?.ok) await giveBackUnits(ledger, deps, endpoint, [decision]);
      throw asRateLimited(error, endpoint, deps.clock.now());
    } finally {
      await recordObservations(ledger, deps, account.xUserId, observer);
    }
  };

  let accessToken: string;
  try {
    accessToken = await getFreshAccessToken(db, deps, accountId);
  } catch (error) {
    if (decision?.ok) await giveBackUnits(ledger, deps, endpoint, [decision]);
    throw error;
  }
  try {
    return await attempt(accessToken);
  } catch (error) {
    if (!(error instanceof ApiResponseError && error.code === 401)) throw error;
    return attempt(await getFreshAccessToken(db, deps, accountId, { force: true }));
  }
}

/**
 * X's 429 as `XRateLimitedError` with the window's reset (15 minutes on when X does not
 * say); any other error as it is.
 *
 * @example
 * throw asRateLimited(error, 'POST /2/tweets', clock.now());
 */
export function asRateLimited(error: unknown, endpoint: string, now: Date): unknown {
  const { kind, retryAt } = classifyXError(error);
  if (kind !== 'rate_limited') return error;
  return new XRateLimitedError(endpoint, retryAt ?? new Date(now.getTime() + DEFAULT_WINDOW_MS), { cause: error });
}

/** A ledger write that fails must not turn a call X completed into a failed one. */
async function recordObservations(
  ledger: RateLimitLedger,
  { logger }: Pick<XAccountDeps, 'logger'>,
  xUserId: string,
  observer: RateLimitObserver,
): Promise<void> {
  for (const { endpoint, rateLimit } of observer.drain()) {
    try {
      await ledger.recordResponse(xUserId, endpoint, rateLimit);
    } catch (error) {
      logger.warn({ err: error, endpoint }, 'could not record X rate-limit headers');
    }
  }
}
