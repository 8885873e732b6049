import { eq, sql } from 'drizzle-orm';
import { signInThrottles, type Executor } from '@tweetflow/db';
import type { Clock } from '../runtime/clock';
import { DomainError } from '../errors';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

/**
 * Throttles password guessing per key (the email, and separately the client address):
 * after 5 failures within 15 minutes the key is refused for 15 minutes.
 */
export async function assertSignInAllowed(db: Executor, clock: Clock, keys: string[]): Promise<void> {
  const now = clock.now();
  for (const key of keys) {
    const [row] = await db.select().from(signInThrottles).where(eq(signInThrottles.key, key));
    if (row?.lockedUntil && row.lockedUntil > now) {
      const minutes = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 60_000);
      throw new DomainError(
        'too_many_requests',
        `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        row.lockedUntil,
      );
    }
  }
}

export async function recordSignInFailure(db: Executor, clock: Clock, keys: string[]): Promise<void> {
  const now = clock.now();
  // Bound as ISO strings with a cast: raw SQL fragments do not get Drizzle's Date mapping.
  const nowAt = sql`${now.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(now.getTime() - WINDOW_MS).toISOString()}::timestamptz`;
  const lockUntil = sql`${new Date(now.getTime() + LOCK_MS).toISOString()}::timestamptz`;
  for (const key of keys) {
    // One statement: a fresh window starts at 1, a current one counts up, and the
    // MAX_FAILURES-th failure sets the lock.
    await db
      .insert(signInThrottles)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: signInThrottles.key,
        set: {
          failures: sql`case when ${signInThrottles.windowStartedAt} < ${windowStart} then 1 else ${signInThrottles.failures} + 1 end`,
          windowStartedAt: sql`case when ${signInThrottles.windowStartedAt} < ${windowStart} then ${nowAt} else ${signInThrottles.windowStartedAt} end`,
          lockedUntil: sql`case when ${signInThrottles.windowStartedAt} >= ${windowStart} and ${signInThrottles.failures} + 1 >= ${MAX_FAILURES} then ${lockUntil} else null end`,
        },
      });
  }
}

export async function clearSignInFailures(db: Executor, key: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
}
