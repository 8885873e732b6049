import type { Config } from '@tweetflow/config';
import type { Database } from '@tweetflow/db';
import { DomainError } from '../errors';
import type { Clock } from '../runtime/clock';
import { consumeRequestUnit } from './request-limiter';

export type RequestLimitSettings = Pick<
  Config,
  | 'RATE_LIMIT_API_PER_MINUTE'
  | 'RATE_LIMIT_API_TOKEN_PER_MINUTE'
  | 'RATE_LIMIT_SIGN_IN_PER_HOUR'
  | 'RATE_LIMIT_SIGN_UP_PER_HOUR'
  | 'RATE_LIMIT_UPLOADS_PER_HOUR'
>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Each limited kind of request: its setting, window, and how to say what was exceeded. */
const LIMITS = {
  api: { setting: 'RATE_LIMIT_API_PER_MINUTE', windowMs: MINUTE, what: (n: number) => `more than ${n} requests in a minute` },
  apiToken: {
    setting: 'RATE_LIMIT_API_TOKEN_PER_MINUTE',
    windowMs: MINUTE,
    what: (n: number) => `more than ${n} requests in a minute with this API token`,
  },
  signIn: { setting: 'RATE_LIMIT_SIGN_IN_PER_HOUR', windowMs: HOUR, what: (n: number) => `more than ${n} sign-in attempts in an hour from your network` },
  signUp: { setting: 'RATE_LIMIT_SIGN_UP_PER_HOUR', windowMs: HOUR, what: (n: number) => `more than ${n} new accounts in an hour from your network` },
  upload: { setting: 'RATE_LIMIT_UPLOADS_PER_HOUR', windowMs: HOUR, what: (n: number) => `more than ${n} uploads in an hour` },
} as const satisfies Record<string, { setting: keyof RequestLimitSettings; windowMs: number; what: (n: number) => string }>;

export type RequestLimitKind = keyof typeof LIMITS;

/**
 * Counts one request of `kind` for `subject` (a user id, token id or client address) and
 * refuses it with a `too_many_requests` DomainError, carrying `retryAt`, once the
 * operator's limit is exceeded. A limit set to 0 is off.
 *
 * @example
 * await enforceRequestLimit(db, clock, config, 'signUp', clientAddress);
 */
export async function enforceRequestLimit(
  db: Database,
  clock: Clock,
  settings: RequestLimitSettings,
  kind: RequestLimitKind,
  subject: string,
): Promise<void> {
  const { setting, windowMs, what } = LIMITS[kind];
  const limit = settings[setting];
  if (limit === 0) return;
  const now = clock.now();
  const verdict = await consumeRequestUnit(db, now, { key: `${kind}:${subject}`, limit, windowMs });
  if (verdict.allowed) return;
  throw new DomainError(
    'too_many_requests',
    `Slow down: ${what(limit)}. Try again ${describeWait(verdict.retryAt.getTime() - now.getTime())}.`,
    verdict.retryAt,
  );
}

/** "in 12 seconds", "in 3 minutes": the wait, rounded up to something a person reads. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
