import type { XOAuth } from '@tweetflow/x';
import type { RateLimitTier } from '@tweetflow/x/limits';
import type { TokenKeyring } from '../crypto/token-keyring';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';

/** What the X account services need besides the database; tests pass the sandbox's. */
export type XAccountDeps = {
  clock: Clock;
  keyring: TokenKeyring;
  oauth: XOAuth;
  /** The X sandbox's URL; undefined talks to the real X. */
  apiBaseUrl: string | undefined;
  logger: Logger;
  /** The app's X API tier, whose app-wide 15-minute limits X never reports; pay-per-use when unset. */
  apiTier?: RateLimitTier;
};
