export { endpointKey } from './endpoint-key';
export {
  RateLimitLedger,
  APP_SCOPE,
  userScope,
  type LedgerDecision,
  type LedgerGrant,
  type TakeDecision,
  type TakenWindow,
  type ObservedRateLimit,
  type RateLimitHeaders,
  type RateLimitWindowView,
  type TakeOptions,
} from './rate-limit-ledger';
export { RateLimitObserver, type RateLimitObservation } from './rate-limit-observer';
export { APP_15_MINUTE_SCOPE, appWindowScopes } from './app-windows';
