/**
 * The ways a request can be refused, independent of transport. The API layer maps each
 * kind to an HTTP/tRPC code; the message is written for the person reading it.
 */
export type DomainErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_requests';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** For `too_many_requests`: when trying again makes sense. */
    readonly retryAt?: Date,
  ) {
    super(message);
  }
}
