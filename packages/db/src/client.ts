import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = ReturnType<typeof createDrizzle>;
/** A transaction handle; services accept `Database | Transaction` to compose in one. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Transaction;

function createDrizzle(sql: postgres.Sql) {
  return drizzle({ client: preparing(sql), schema, casing: 'snake_case' });
}

/**
 * Statements with more parameters than this (multi-row inserts, long `in` lists) vary in
 * shape with their size; they stay unnamed rather than fill each connection's cache. An
 * unnamed statement costs a round trip more (postgres.js asks for its parameter types
 * first) and its building in Drizzle grows with its rows, so hot batch writes pass their
 * rows as one JSON parameter (`json_to_recordset`) instead: one shape, prepared once.
 */
const MAX_PREPARED_PARAMETERS = 32;

/**
 * The postgres.js client as drizzle should use it: its statements become named prepared
 * statements, cached per connection by postgres.js. Drizzle sends every query unnamed, and
 * postgres.js then asks the server for a parameterised statement's types before it can
 * send the values: two round trips and a fresh parse and plan each time. Prepared, a
 * statement costs that once per connection and one round trip afterwards (the benchmarks
 * measure what it saved). Transactions and savepoints hand drizzle a new client; those are
 * wrapped too. postgres.js retires connections after 30 to 60 minutes, and their caches
 * with them.
 */
function preparing<Client extends postgres.Sql | postgres.TransactionSql>(client: Client): Client {
  type Callback = (inner: postgres.TransactionSql) => unknown;
  const wrapLast = (args: unknown[]) => {
    const callback = args.at(-1) as Callback;
    return [...args.slice(0, -1), (inner: postgres.TransactionSql) => callback(preparing(inner))];
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'unsafe') {
        return (query: string, parameters: unknown[] = [], options: Record<string, unknown> = {}) =>
          method.call(target, query, parameters, { ...options, prepare: parameters.length <= MAX_PREPARED_PARAMETERS });
      }
      if (property === 'begin' || property === 'savepoint') return (...args: unknown[]) => method.apply(target, wrapLast(args));
      return value;
    },
  });
}

export type DatabaseConnection = {
  db: Database;
  /** The raw postgres.js client, for LISTEN/NOTIFY and pg-boss's adapter. */
  sql: postgres.Sql;
  close(): Promise<void>;
};

/**
 * Opens a pooled connection to Postgres. `planEachExecution` has PostgreSQL plan a
 * prepared statement at each execution, for its parameters and the table as it is then,
 * instead of settling on one generic plan after five: a batch statement prepared while
 * its table was small keeps a sequential scan as the table grows until autovacuum analyses
 * it (on 28 November `pnpm bench workflows` caught the worker's claim of a batch that way,
 * at 30× its cost; `planner-settings.spec.ts` reproduces it). The
 * worker's statements are batches, a few per hundred runs, so planning each costs little.
 *
 * @example
 * const { db, close } = createDatabase('postgres://localhost/tweetflow');
 * await db.select().from(users);
 * await close();
 */
export function createDatabase(url: string, options: { max?: number; planEachExecution?: boolean } = {}): DatabaseConnection {
  const { url: address, socketDirectory } = unixSocketOf(url);
  const sql = postgres(address, {
    ...(socketDirectory ? { host: socketDirectory } : {}),
    max: options.max ?? 10,
    // Postgres NOTICEs (e.g. "relation already exists, skipping") are not errors.
    onnotice: () => {},
    // See `planEachExecution` above.
    ...(options.planEachExecution ? { connection: { plan_cache_mode: 'force_custom_plan' } } : {}),
  });
  return { db: createDrizzle(sql), sql, close: () => sql.end({ timeout: 5 }) };
}

/**
 * A URL may name a Unix socket's directory as libpq and node-postgres (pg-boss) read it,
 * `postgres://user:pass@localhost:5432/db?host=/var/run/postgresql`; postgres.js takes the
 * directory only as its `host` option (it would send the parameter to the server).
 */
export function unixSocketOf(url: string): { url: string; socketDirectory?: string } {
  const parsed = new URL(url);
  const directory = parsed.searchParams.get('host');
  if (!directory?.startsWith('/')) return { url };
  parsed.searchParams.delete('host');
  return { url: parsed.toString(), socketDirectory: directory };
}
