import type { TRPCDefaultErrorShape as DefaultErrorShape, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

/** What a client receives in `error.data` besides the code and HTTP status. */
export type ErrorData = DefaultErrorShape['data'] & {
  /** One readable line per invalid input field, e.g. "text: must be at most 280 characters". */
  issues: string[] | null;
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
  const { stack: _stack, ...data } = shape.data;
  return {
    ...shape,
    message: issues ? `Invalid input: ${issues.join('; ')}` : isUnexpected ? INTERNAL_MESSAGE : shape.message,
    data: { ...data, issues },
  };
}

export function describeZodIssues(error: ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'input';
    return `${field}: ${issue.message}`;
  });
}
