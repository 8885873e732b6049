import type { Db } from 'pg-boss';
import { executeText, type Executor } from '@tweetflow/db';

/**
 * pg-boss's statements run on our database handle, so a job is written inside the
 * caller's transaction: `boss.insert(queue, jobs, { db: jobsIn(tx) })`. Unlike pg-boss's
 * `fromDrizzle`, it sends pg-boss's finished text straight to the connection (see
 * `executeText`), and arrays bind whole, as postgres.js binds them.
 *
 * @example
 * await boss.insert(QUEUES.publishPost, rows, { db: jobsIn(tx) });
 */
export function jobsIn(executor: Executor): Db {
  return { executeSql: async (text, values = []) => ({ rows: await executeText(executor, text, values) }) };
}
