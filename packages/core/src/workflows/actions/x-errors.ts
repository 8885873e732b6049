import { classifyXError } from '@tweetflow/x';
import { XAccountNeedsReauthError, XAccountNotFoundError, XAccountRefreshUnavailableError, XRateLimitedError } from '../../x-accounts/errors';
import { StepFailure, TransientStepError } from './node-result';

/**
 * Turns an error from an X call into what the runner does next: retry (transient, or at
 * the rate-limit window's reset) or fail the step with X's reason.
 *
 * @example
 * try { … } catch (error) { throw asStepError(error); }
 */
export function asStepError(error: unknown): Error {
  if (error instanceof XRateLimitedError) return new TransientStepError(error.message, error.retryAt, { cause: error });
  if (error instanceof XAccountRefreshUnavailableError) return new TransientStepError(error.message, undefined, { cause: error });
  if (error instanceof XAccountNeedsReauthError || error instanceof XAccountNotFoundError) return new StepFailure(error.message, { cause: error });
  const { kind, message, retryAt } = classifyXError(error);
  if (kind === 'transient') return new TransientStepError(message, undefined, { cause: error });
  if (kind === 'rate_limited') return new TransientStepError(message, retryAt, { cause: error });
  return new StepFailure(message, { cause: error });
}
