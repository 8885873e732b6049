/** The account is not in the workspace (or no longer exists). */
export class XAccountNotFoundError extends Error {
  override readonly name = 'XAccountNotFoundError';

  constructor(readonly accountId: string) {
    super('That X account is not connected to this workspace.');
  }
}

/**
 * X no longer accepts the account's saved authorization; only the person reconnecting the
 * account fixes it, so jobs should stop and surface `message` rather than retry.
 */
export class XAccountNeedsReauthError extends Error {
  override readonly name = 'XAccountNeedsReauthError';
  readonly retryable = false;

  constructor(
    readonly accountId: string,
    readonly username: string,
    readonly reason: string,
  ) {
    super(`@${username}: ${reason}`);
  }
}

/** X could not be reached, or failed, while refreshing the account's token; try again later. */
export class XAccountRefreshUnavailableError extends Error {
  override readonly name = 'XAccountRefreshUnavailableError';
  readonly retryable = true;

  constructor(
    readonly accountId: string,
    readonly username: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`Could not renew @${username}'s authorization at X (${detail}); it will be retried.`, options);
  }
}

/**
 * The rate-limit window for this call is used up; the job should run again at `retryAt`
 * instead of sending a request X would refuse with 429.
 */
export class XRateLimitedError extends Error {
  override readonly name = 'XRateLimitedError';
  readonly retryable = true;

  constructor(
    readonly endpoint: string,
    readonly retryAt: Date,
    options?: ErrorOptions,
  ) {
    super(`X's rate limit for ${endpoint} is used up until ${retryAt.toISOString()}; it will be retried then.`, options);
  }
}
