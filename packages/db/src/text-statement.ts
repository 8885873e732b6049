import type postgres from 'postgres';
import type { Executor } from './client';

/**
 * Runs a statement already written as text with `$1…$n` parameters on the executor's own
 * connection (inside its transaction, when it is one), without Drizzle building it.
 *
 * For text that arrives finished, like pg-boss's statements: handed to Drizzle, its
 * `$n` placeholders are split into a template, then Drizzle walks every chunk to number
 * them again, ≈ 0.1–0.3 ms of CPU per job insert on the webhook path (`pnpm bench
 * workflows`). The values go to postgres.js as they are, as Drizzle would pass them; the
 * statement is prepared like every other (see `preparing` in client.ts).
 *
 * @example
 * const rows = await executeText<{ id: string }>(tx, 'select id from pgboss.job where name = $1', ['publish-post']);
 */
export async function executeText<Row = Record<string, unknown>>(executor: Executor, text: string, values: readonly unknown[]): Promise<Row[]> {
  const rows = await clientOf(executor).unsafe(text, values as postgres.ParameterOrJSON<never>[]);
  return rows as unknown as Row[];
}

/** The postgres.js client under a Drizzle executor: the pool, or the transaction's connection. */
export function clientOf(executor: Executor): postgres.Sql | postgres.TransactionSql {
  // Drizzle's postgres.js session keeps its client (the pool, or the transaction's) as `client`.
  const session = executor._.session as unknown as { client?: postgres.Sql | postgres.TransactionSql };
  if (typeof session.client?.unsafe !== 'function') throw new Error('executeText needs a Drizzle executor over postgres.js.');
  return session.client;
}
