import { TRPCError, type TRPCDefaultErrorShape as DefaultErrorShape } from '@trpc/server';
import {
  DomainError,
  XAccountNeedsReauthError,
  XAccountNotFoundError,
  XRateLimitedError,
  type DomainErrorKind,
} from '@tweetflow/core';
import { ZodError } from 'zod';

/** What a client receives in `error.data` besides the code and HTTP status. */
export type ErrorData = DefaultErrorShape['data'] & {
  /** One readable line per invalid input field, e.g. "text: must be at most 280 characters". */
  issues: string[] | null;
  /** For TOO_MANY_REQUESTS: when to try again (ISO 8601). */
  retryAt: string | null;
};

const INTERNAL_MESSAGE = 'Something went wrong on our side. The error has been logged; please try again.';

/**
 * Shapes every error the API returns. Input errors become a readable list; unexpected
 * errors become a generic sentence. Stack traces never leave the server.
 */
export function formatApiError({ shape, error }: { shape: DefaultErrorShape; error: TRPCError }): DefaultErrorShape & {
  data: ErrorData;
} {
  const issues = error.cause instanceof ZodError ? describeZodIssues(error.cause) : null;
  const isUnexpected = error.code === 'INTERNAL_SERVER_ERROR';
  const cause = error.cause as { retryAt?: unknown } | undefined;
  const retryAt = cause?.retryAt instanceof Date ? cause.retryAt.toISOString() : null;
  const { stack: _stack, ...data } = shape.data;
  return {
    ...shape,
    message: issues ? `Invalid input: ${issues.join('; ')}` : isUnexpected ? INTERNAL_MESSAGE : shape.message,
    data: { ...data, issues, retryAt },
  };
}

export function describeZodIssues(error: ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'input';
    return `${field}: ${issue.message}`;
  });
}

const CODES: Record<DomainErrorKind, TRPCError['code']> = {
  bad_request: 'BAD_REQUEST',
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  too_many_requests: 'TOO_MANY_REQUESTS',
};

/**
 * A service's refusal, as the tRPC error a client can act on; undefined for errors no
 * service raised on purpose (those are unexpected and answered generically).
 */
export function toTRPCError(error: unknown): TRPCError | undefined {
  if (error instanceof DomainError) return new TRPCError({ code: CODES[error.kind], message: error.message, cause: error });
  if (error instanceof XAccountNotFoundError) return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  if (error instanceof XAccountNeedsReauthError) {
    return new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message, cause: error });
  }
  if (error instanceof XRateLimitedError) return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
  return undefined;
}
