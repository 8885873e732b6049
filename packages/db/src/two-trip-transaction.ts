import type postgres from 'postgres';
import type { Database } from './client';
import { clientOf } from './text-statement';

/** A statement already written as text with `$1…$n` parameters (see `executeText`). */
export type TextStatement = { text: string; values: readonly unknown[] };

/** What the second trip sends before COMMIT, and what the transaction then answers. */
export type ClosingTrip<Result> = { statements: readonly TextStatement[]; result: Result };

/**
 * A short transaction in two round trips to PostgreSQL: BEGIN travels with the opening
 * statements (typically reads that lock rows), COMMIT with the closing ones (the writes
 * decided from what those reads found). `Database.transaction` waits for BEGIN, for each
 * statement and for COMMIT in turn; on a busy machine every trip is a wake-up of the
 * database and of this process, each waiting for a core, and for a webhook batch (five
 * trips) that wait was most of the time its callers waited for their answer.
 *
 * The statements of one trip go together on one reserved connection, in order, each with
 * its own sync, so PostgreSQL runs each one after the one before it has finished: a read
 * after a locking read sees what was committed before the locks were granted (READ
 * COMMITTED takes a snapshot per statement). When a closing statement fails, COMMIT
 * finds the transaction aborted and rolls it back; the statement's error is thrown. When
 * the opening trip or `close` fails, the transaction is rolled back and the error thrown.
 *
 * `close` may read through other connections (e.g. a cache miss) but not through this
 * transaction; its writes are the statements it returns.
 *
 * @example
 * const count = await transactInTwoTrips(db, [{ text: 'select id from workflows where id = $1 for update', values: [id] }], async ([locked]) => ({
 *   statements: [{ text: 'update workflows set name = $2 where id = $1', values: [id, name] }],
 *   result: locked!.length,
 * }));
 */
export async function transactInTwoTrips<Result>(
  db: Database,
  opening: readonly TextStatement[],
  close: (rows: unknown[][]) => Promise<ClosingTrip<Result>>,
): Promise<Result> {
  const pool = clientOf(db);
  if (!('reserve' in pool)) throw new Error('transactInTwoTrips needs the pool, not a transaction.');
  const connection = await pool.reserve();
  try {
    let closing: ClosingTrip<Result>;
    try {
      const [, ...rows] = await sendTogether(connection, [{ text: 'begin', values: [] }, ...opening]);
      closing = await close(rows);
    } catch (error) {
      await connection.unsafe('rollback').catch(() => {});
      throw error;
    }
    await sendTogether(connection, [...closing.statements, { text: 'commit', values: [] }]);
    return closing.result;
  } finally {
    connection.release();
  }
}

/**
 * A transaction in one round trip: BEGIN, the statements and COMMIT are sent together on
 * one reserved connection, each with its own sync, so each statement still runs after the
 * one before it has finished and takes its own snapshot (a statement after a locking read
 * sees what committed before the locks were granted). For writes that need no decision
 * from this process between the reads and the writes: the statements decide in SQL, and a
 * statement that finds it cannot go on raises (see `tweetflow_refuse`), which makes COMMIT
 * roll everything back; that error is thrown. Answers each statement's rows, in order.
 *
 * @example
 * const [, inserted] = await transactInOneTrip(db, [LOCK_COUNTER, INSERT_DECIDED_IN_SQL]);
 */
export async function transactInOneTrip(db: Database, statements: readonly TextStatement[]): Promise<unknown[][]> {
  const pool = clientOf(db);
  if (!('reserve' in pool)) throw new Error('transactInOneTrip needs the pool, not a transaction.');
  const connection = await pool.reserve();
  try {
    const [, ...rows] = await sendTogether(connection, [{ text: 'begin', values: [] }, ...statements, { text: 'commit', values: [] }]);
    return rows.slice(0, -1);
  } catch (error) {
    // COMMIT already rolled back a failed statement's transaction; this covers a connection error mid-trip.
    await connection.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}

/** Sends the statements at once and waits for every answer (the connection must not be released mid-trip); throws the first error. */
async function sendTogether(connection: postgres.ReservedSql, statements: readonly TextStatement[]): Promise<unknown[][]> {
  const answers = await Promise.allSettled(
    statements.map(({ text, values }) => connection.unsafe(text, values as postgres.ParameterOrJSON<never>[], { prepare: values.length > 0 })),
  );
  const failed = answers.find((answer) => answer.status === 'rejected');
  if (failed) throw failed.reason;
  return answers.map((answer) => (answer as PromiseFulfilledResult<postgres.RowList<postgres.Row[]>>).value);
}
