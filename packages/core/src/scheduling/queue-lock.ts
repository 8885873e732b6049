import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';

/**
 * Serialises changes to one account's queue (picking a free slot, reordering) until the
 * caller's transaction ends. An advisory lock rather than a row lock on the account, so
 * a token refresh holding the account row never makes the queue wait for X.
 *
 * @example
 * await db.transaction(async (tx) => { await lockAccountQueue(tx, accountId); … });
 */
export async function lockAccountQueue(db: Executor, accountId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`queue:${accountId}`}, 0))`);
}
