import { z } from 'zod';

/** A whole-number limit where 0 switches the limit off. */
const limit = (what: string, fallback: number) =>
  z.coerce
    .number({ error: `must be a whole number of ${what} (0 turns the limit off)` })
    .int(`must be a whole number of ${what}`)
    .min(0, `must be 0 (no limit) or more`)
    .default(fallback);

/**
 * Abuse limits, per-workspace caps and privacy settings the operator can tune. Every
 * limit answers with a sentence naming what was exceeded and when to try again.
 */
export const privacyLimitsEnv = {
  RATE_LIMIT_API_PER_MINUTE: limit('API requests per minute per signed-in person', 600),
  RATE_LIMIT_API_TOKEN_PER_MINUTE: limit('API requests per minute per API token', 300),
  RATE_LIMIT_SIGN_IN_PER_HOUR: limit('sign-in attempts per hour per client address', 60),
  RATE_LIMIT_SIGN_UP_PER_HOUR: limit('sign-ups per hour per client address', 20),
  RATE_LIMIT_UPLOADS_PER_HOUR: limit('media uploads per hour per person', 200),
  UPLOAD_MAX_MB: limit('megabytes per uploaded file', 512),
  WORKSPACE_MAX_X_ACCOUNTS: limit('connected X accounts per workspace', 25),
  WORKSPACE_MAX_ACTIVE_WORKFLOWS: limit('active workflows per workspace', 50),
  WORKSPACE_MAX_SCHEDULED_POSTS: limit('scheduled posts per workspace', 5000),
  ERASURE_GRACE_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(0, 'must be 0 (erase at once) or more')
    .max(90, 'must be at most 90 days')
    .default(7),
};
