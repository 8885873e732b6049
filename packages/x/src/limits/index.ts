export { limitsFor, RATE_LIMIT_TIERS, type EndpointLimits, type RateLimitTier } from './x-rate-limit-tiers';
