import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { ArcticFetchError, OAuth2RequestError, UnexpectedResponseError } from 'arctic';

export type XErrorKind = 'transient' | 'rate_limited' | 'auth' | 'permanent';

/** What went wrong with an X call, and what the caller should do about it. */
export type XErrorClass = {
  /** transient: retry with backoff · rate_limited: retry at `retryAt` · auth: reconnect · permanent: give up. */
  kind: XErrorKind;
  /** A sentence a person can act on. */
  message: string;
  /** When the exhausted rate-limit window resets (only for `rate_limited`, when X said so). */
  retryAt?: Date;
};

const DUPLICATE_DETAIL = 'You are not allowed to create a Tweet with duplicate content.';
const AUTH_PROBLEM_TYPES = ['/problems/unsupported-authentication', '/problems/client-forbidden'];
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'UND_ERR_SOCKET']);
/** Failures before a connection existed: the request cannot have reached X. */
const BEFORE_CONNECTING = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

/**
 * Sorts an error thrown by twitter-api-v2, arctic or the network into what the publishing
 * path does next: retry later, wait for the rate-limit window, ask the person to reconnect
 * the account, or fail the post with a message that says why.
 *
 * @example
 * try { await x.v2.tweet(text) } catch (error) {
 *   const { kind, message, retryAt } = classifyXError(error);
 *   // kind 'permanent', message 'X rejected the post: duplicate content.'
 * }
 */
export function classifyXError(error: unknown): XErrorClass {
  if (error instanceof ApiResponseError) return classifyResponse(error);
  if (error instanceof OAuth2RequestError) {
    return { kind: 'auth', message: `X refused the account's authorization (${error.code}); reconnect the X account.` };
  }
  if (error instanceof UnexpectedResponseError) {
    return error.status >= 500
      ? { kind: 'transient', message: `X's sign-in service failed (HTTP ${error.status}); it will be retried.` }
      : { kind: 'permanent', message: `X's sign-in service answered HTTP ${error.status} unexpectedly.` };
  }
  if (error instanceof ApiRequestError || error instanceof ApiPartialResponseError || error instanceof ArcticFetchError) {
    return { kind: 'transient', message: `Could not reach X (${describeCause(error)}); it will be retried.` };
  }
  if (isNetworkError(error)) {
    return { kind: 'transient', message: `Could not reach X (${describeCause(error)}); it will be retried.` };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { kind: 'permanent', message: `The call to X failed unexpectedly: ${text}` };
}

function classifyResponse(error: ApiResponseError): XErrorClass {
  const detail = problemDetail(error.data);
  if (error.code === 429 || error.code === 420) {
    const retryAt = resetOf(error);
    return {
      kind: 'rate_limited',
      message: `X's rate limit for this action is used up${retryAt ? ` until ${retryAt.toISOString()}` : ''}; it will be retried then.`,
      ...(retryAt ? { retryAt } : {}),
    };
  }
  if (error.code === 401) {
    return { kind: 'auth', message: 'X no longer accepts this account\'s authorization; reconnect the X account.' };
  }
  if (error.code === 403) {
    if (detail === DUPLICATE_DETAIL) return { kind: 'permanent', message: 'X rejected the post: duplicate content.' };
    const type = typeof error.data.type === 'string' ? error.data.type : '';
    if (AUTH_PROBLEM_TYPES.some((suffix) => type.endsWith(suffix)) || detail === 'Forbidden') {
      return { kind: 'auth', message: 'X refused this action for the account; reconnect it and grant all requested permissions.' };
    }
    return { kind: 'permanent', message: `X refused the request: ${detail}` };
  }
  if (error.code >= 500 || error.code === 408) {
    return { kind: 'transient', message: `X had a temporary problem (HTTP ${error.code}); it will be retried.` };
  }
  if (error.code === 404) return { kind: 'permanent', message: `X could not find it: ${detail}` };
  return { kind: 'permanent', message: `X rejected the request: ${detail}` };
}

/** The most specific human text in an X error body (v2 problem, v2 errors[], or v1). */
function problemDetail(data: ApiResponseError['data']): string {
  const body = data as { detail?: unknown; title?: unknown; errors?: { message?: unknown }[] };
  const fromErrors = body.errors?.find((entry) => typeof entry.message === 'string')?.message;
  if (typeof fromErrors === 'string' && body.detail === undefined) return fromErrors;
  if (typeof body.detail === 'string') {
    return typeof fromErrors === 'string' && fromErrors !== body.detail ? `${body.detail} ${fromErrors}` : body.detail;
  }
  return typeof body.title === 'string' ? body.title : 'no explanation given';
}

/** The latest reset among the windows X reports as exhausted. */
function resetOf(error: ApiResponseError): Date | undefined {
  const limits = error.rateLimit;
  if (!limits) return undefined;
  const exhausted = [limits, limits.day, limits.userDay].filter(
    (window): window is NonNullable<typeof window> => window !== undefined && window.remaining === 0,
  );
  const resets = (exhausted.length > 0 ? exhausted : [limits]).map((window) => window.reset);
  return new Date(Math.max(...resets) * 1000);
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || error.name === 'AbortError' || error.name === 'TimeoutError';
}

/**
 * Whether a failed call certainly never reached X: no connection could be made (refused,
 * host not found, no local address). A reset or a timeout may come after X received the
 * request, so those are not. Such a call needs no look on the timeline and cost no rate-limit
 * unit at X.
 *
 * @example
 * if (neverReachedX(error)) await ledger.release(endpoint, [grant]);
 */
export function neverReachedX(error: unknown): boolean {
  const inner: unknown = error instanceof ApiRequestError ? requestCause(error) : error;
  const code = (inner as { code?: unknown } | null)?.code;
  return typeof code === 'string' && BEFORE_CONNECTING.has(code);
}

/**
 * The network error behind an `ApiRequestError`. twitter-api-v2 builds it with the cause
 * under `error` while its `requestError` getter reads `requestError`, so the getter answers
 * undefined and every such failure read "Request failed." with no reason.
 */
export function requestCause(error: ApiRequestError): unknown {
  return error.requestError ?? (error as unknown as { _options?: { error?: unknown } })._options?.error;
}

function describeCause(error: unknown): string {
  const inner: unknown = (error instanceof ApiRequestError ? requestCause(error) : undefined) ?? error;
  const code = (inner as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return inner instanceof Error ? inner.message : 'network error';
}
