import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = ReturnType<typeof createDrizzle>;
/** A transaction handle; services accept `Database | Transaction` to compose in one. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Transaction;

function createDrizzle(sql: postgres.Sql) {
  return drizzle({ client: sql, schema, casing: 'snake_case' });
}

export type DatabaseConnection = {
  db: Database;
  /** The raw postgres.js client, for LISTEN/NOTIFY and pg-boss's adapter. */
  sql: postgres.Sql;
  close(): Promise<void>;
};

/**
 * Opens a pooled connection to Postgres.
 *
 * @example
 * const { db, close } = createDatabase('postgres://localhost/tweetflow');
 * await db.select().from(users);
 * await close();
 */
export function createDatabase(url: string, options: { max?: number } = {}): DatabaseConnection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // Postgres NOTICEs (e.g. "relation already exists, skipping") are not errors.
    onnotice: () => {},
  });
  return { db: createDrizzle(sql), sql, close: () => sql.end({ timeout: 5 }) };
}
