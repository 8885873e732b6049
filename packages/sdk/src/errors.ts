import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from './types.ts';

/**
 * What went wrong, as a tRPC error code (`BAD_REQUEST`, `UNAUTHORIZED`, `FORBIDDEN`,
 * `NOT_FOUND`, `CONFLICT`, `PRECONDITION_FAILED`, `TOO_MANY_REQUESTS`,
 * `INTERNAL_SERVER_ERROR`, …), or `NETWORK_ERROR` when no answer came back at all.
 */
export type TweetFlowErrorCode = string;

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** The parts of the server's `error.data` the SDK reads (see the API's error formatter). */
type ServerErrorData = { code?: string; httpStatus?: number; path?: string; issues?: string[] | null; retryAt?: string | null };

/**
 * Every call of the SDK fails with this: the server's own sentence in `message`, its code
 * and HTTP status, one line per invalid input field in `issues`, and for rate limits the
 * time to try again. It is also a `TRPCClientError`, so tRPC-aware code keeps working.
 *
 * @example
 * try {
 *   await client.posts.create.mutate(input);
 * } catch (error) {
 *   if (error instanceof TweetFlowError && error.code === 'FORBIDDEN') console.error(error.message);
 * }
 */
export class TweetFlowError extends TRPCClientError<AppRouter> {
  readonly code: TweetFlowErrorCode;
  /** The HTTP status the server answered with; null when it could not be reached. */
  readonly httpStatus: number | null;
  /** One readable line per invalid input field, e.g. "content.items.0.text: …"; empty otherwise. */
  readonly issues: string[];
  /** For `TOO_MANY_REQUESTS`: when the server will accept the call again. */
  readonly retryAt: Date | null;
  /** The procedure that failed, e.g. "posts.create", when the server said. */
  readonly path: string | null;

  constructor(
    message: string,
    details: { code: TweetFlowErrorCode; httpStatus: number | null; issues?: string[]; retryAt?: Date | null; path?: string | null; cause?: Error },
  ) {
    super(message, details.cause ? { cause: details.cause } : {});
    // TRPCClientError pins its own prototype in its constructor; restore the subclass's.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'TweetFlowError';
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.issues = details.issues ?? [];
    this.retryAt = details.retryAt ?? null;
    this.path = details.path ?? null;
  }

  /** The server understood the request and refused it (4xx): retrying the same call will not help. */
  get isRefusal(): boolean {
    return this.httpStatus !== null && this.httpStatus >= 400 && this.httpStatus < 500;
  }

  /**
   * Any error of a call, as a TweetFlowError. `serverUrl` names the server in the message
   * when it could not be reached.
   *
   * @example
   * TweetFlowError.of(new TRPCClientError('fetch failed'), 'http://localhost:3000').code; // 'NETWORK_ERROR'
   */
  static of(error: unknown, serverUrl?: string): TweetFlowError {
    if (error instanceof TweetFlowError) return error;
    if (!(error instanceof TRPCClientError)) {
      const cause = error instanceof Error ? error : new Error(String(error));
      return unreachable(cause, serverUrl);
    }
    const data = (error.data ?? null) as ServerErrorData | null;
    const response = (error.meta as { response?: Response } | undefined)?.response;
    const httpStatus = data?.httpStatus ?? response?.status ?? null;
    if (httpStatus === null) return unreachable(error.cause instanceof Error ? error.cause : error, serverUrl);
    return new TweetFlowError(error.message, {
      code: data?.code ?? CODE_BY_STATUS[httpStatus] ?? `HTTP_${httpStatus}`,
      httpStatus,
      issues: data?.issues ?? [],
      retryAt: data?.retryAt ? new Date(data.retryAt) : null,
      path: data?.path ?? null,
      cause: error,
    });
  }

  /**
   * An error from one of the API's plain HTTP endpoints (media upload), whose body is
   * `{ error: { message } }`.
   *
   * @example
   * if (!response.ok) throw await TweetFlowError.fromResponse(response);
   */
  static async fromResponse(response: Response): Promise<TweetFlowError> {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    const message = body?.error?.message ?? `The server answered ${response.status} ${response.statusText}.`;
    return new TweetFlowError(message, { code: CODE_BY_STATUS[response.status] ?? `HTTP_${response.status}`, httpStatus: response.status });
  }
}

function unreachable(cause: Error, serverUrl: string | undefined): TweetFlowError {
  const where = serverUrl ? `TweetFlow at ${serverUrl}` : 'the TweetFlow server';
  const reason = describeNetworkFailure(cause);
  return new TweetFlowError(`Could not reach ${where}${reason ? ` (${reason})` : ''}. Check the URL and that the server is running.`, {
    code: 'NETWORK_ERROR',
    httpStatus: null,
    cause,
  });
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, …) is in its cause. */
function describeNetworkFailure(error: Error): string {
  const inner = error.cause as { code?: string; message?: string } | undefined;
  return inner?.code ?? inner?.message ?? error.message;
}
