import { lt } from 'drizzle-orm';
import { sessions, type Executor } from '@tweetflow/db';

/**
 * Deletes sessions whose sliding expiry has passed. Expired sessions are already refused
 * at sign-in time; this keeps the table from growing without bound.
 *
 * @example
 * const removed = await purgeExpiredSessions(db, new Date());
 */
export async function purgeExpiredSessions(db: Executor, now: Date): Promise<number> {
  const removed = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return removed.length;
}
