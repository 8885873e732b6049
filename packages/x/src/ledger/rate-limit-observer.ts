import type { ITwitterApiClientPlugin, TwitterRateLimit } from 'twitter-api-v2';
import { endpointKey } from './endpoint-key';

/** The rate-limit headers of one response, keyed the way the ledger keys endpoints. */
export type RateLimitObservation = { endpoint: string; rateLimit: TwitterRateLimit };

/**
 * A twitter-api-v2 plugin that notes the `x-rate-limit-*` headers of every response,
 * successful or not. It only collects: writing to the ledger inside the request would turn
 * a database hiccup into a failed X call, and a post that X did publish must not look failed.
 *
 * @example
 * const observer = new RateLimitObserver();
 * const client = createXClient({ accessToken, apiBaseUrl, plugins: [observer] });
 * await client.v2.me();
 * for (const { endpoint, rateLimit } of observer.drain()) await ledger.recordResponse(xUserId, endpoint, rateLimit);
 */
export class RateLimitObserver implements ITwitterApiClientPlugin {
  #observations: RateLimitObservation[] = [];
  #answers = 0;

  onAfterRequest: NonNullable<ITwitterApiClientPlugin['onAfterRequest']> = ({ computedParams, response }) => {
    this.#answers++;
    this.#note(computedParams.method, computedParams.rawUrl, response.rateLimit);
  };

  onResponseError: NonNullable<ITwitterApiClientPlugin['onResponseError']> = ({ computedParams, error }) => {
    this.#answers++;
    this.#note(computedParams.method, computedParams.rawUrl, error.rateLimit);
  };

  /**
   * How many responses X sent to this client, errors included (drains do not reset it): a
   * call that got even one reached X and spent its rate-limit unit, whatever failed after.
   */
  get answers(): number {
    return this.#answers;
  }

  /** The observations since the last drain, oldest first. */
  drain(): RateLimitObservation[] {
    const observations = this.#observations;
    this.#observations = [];
    return observations;
  }

  #note(method: string, rawUrl: string, rateLimit: TwitterRateLimit | undefined): void {
    if (rateLimit) this.#observations.push({ endpoint: endpointKey(method, rawUrl), rateLimit });
  }
}
