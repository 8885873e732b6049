/** What the sandbox has seen, for tests that assert TweetFlow behaved (e.g. never caused a 429). */
export class SandboxStats {
  readonly requestsByEndpoint = new Map<string, number>();
  /** Requests that arrived while a real rate-limit window was exhausted. */
  readonly overLimitAttemptsByEndpoint = new Map<string, number>();
  rateLimitedResponses = 0;
  injectedFaults = 0;
  /** Requests the sandbox carried out and then never answered (`lost_response` faults). */
  lostResponses = 0;
  duplicatePostsSeen = 0;
  revokedTokens = 0;
  webhookDeliveries = 0;
  webhookFailures = 0;
  /**
   * Every access and refresh token ever issued, revoked or not, so a test can prove none
   * of them appears in TweetFlow's database or logs.
   */
  readonly issuedTokens = new Set<string>();

  countRequest(endpoint: string): void {
    increment(this.requestsByEndpoint, endpoint);
  }

  countOverLimit(endpoint: string): void {
    increment(this.overLimitAttemptsByEndpoint, endpoint);
    this.rateLimitedResponses++;
  }

  reset(): void {
    this.requestsByEndpoint.clear();
    this.overLimitAttemptsByEndpoint.clear();
    this.rateLimitedResponses = 0;
    this.injectedFaults = 0;
    this.lostResponses = 0;
    this.duplicatePostsSeen = 0;
    this.revokedTokens = 0;
    this.webhookDeliveries = 0;
    this.webhookFailures = 0;
    this.issuedTokens.clear();
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
