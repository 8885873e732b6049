import { eq } from 'drizzle-orm';
import { sessions, users, type Executor } from '@tweetflow/db';
import type { Clock } from '../runtime/clock';
import { generateSecretToken, hashSecretToken } from './tokens';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sessions last 30 days from the last use: each use past the halfway mark extends them. */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
const RENEW_WHEN_LEFT_MS = 15 * DAY_MS;

export type SessionUser = { id: string; email: string | null; displayName: string; timezone: string };
export type ValidatedSession = { sessionId: string; expiresAt: Date; renewed: boolean; user: SessionUser };

/**
 * Starts a session and returns the token for the cookie. Only the token's hash is stored.
 *
 * @example
 * const { token, expiresAt } = await createSession(db, clock, user.id);
 * cookies.set('tf_session', token, { expires: expiresAt, httpOnly: true });
 */
export async function createSession(db: Executor, clock: Clock, userId: string) {
  const token = generateSecretToken();
  const expiresAt = new Date(clock.now().getTime() + SESSION_LIFETIME_MS);
  await db.insert(sessions).values({ id: hashSecretToken(token), userId, expiresAt });
  return { token, expiresAt };
}

/**
 * The session and user behind a cookie token, or null when unknown or expired. Sliding
 * expiry: a session used in the second half of its life is extended.
 */
export async function validateSessionToken(db: Executor, clock: Clock, token: string): Promise<ValidatedSession | null> {
  const sessionId = hashSecretToken(token);
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      user: { id: users.id, email: users.email, displayName: users.displayName, timezone: users.timezone },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  if (!row) return null;

  const now = clock.now().getTime();
  if (row.expiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  if (row.expiresAt.getTime() - now >= RENEW_WHEN_LEFT_MS) {
    return { sessionId, expiresAt: row.expiresAt, renewed: false, user: row.user };
  }
  const expiresAt = new Date(now + SESSION_LIFETIME_MS);
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
  return { sessionId, expiresAt, renewed: true, user: row.user };
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** "Sign out everywhere": ends every session of the user, this one included. */
export async function invalidateAllSessions(db: Executor, userId: string): Promise<number> {
  const removed = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return removed.length;
}
