import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { ensureDatabaseExists, migrateDatabase, startEmbeddedPostgres, type EmbeddedCluster } from '@tweetflow/db';
import { SLOW_STATEMENT_MS, ServerLog } from './server-log';

const TEMPLATE = 'bench_template';

export type BenchCluster = {
  /** A new, fully migrated database named `bench_<label>` (an older one of that name is dropped). */
  freshDatabase(label: string): Promise<string>;
  /** Connection to the `postgres` database, for cluster-wide statistics. */
  admin: postgres.Sql;
  /** The postmaster's process id, for the cluster's CPU use. */
  postmasterPid: number;
  /** Whether pg_stat_statements counts statements (it needs a restart the first time). */
  countsStatements: boolean;
  /** The statements slower than `SLOW_STATEMENT_MS` and the errors, from the server's log; null when the cluster was started by another process (its log goes there). */
  serverLog: ServerLog | null;
  stop(): Promise<void>;
};

/**
 * The benchmarks' own embedded PostgreSQL, apart from `pnpm dev`'s: its own data directory
 * and port, with `pg_stat_statements` loaded so the idle scenario can count the worker's
 * statements, and statements slower than `SLOW_STATEMENT_MS` logged and collected with
 * the errors (see `ServerLog`). Each scenario gets a fresh database cloned from a migrated
 * template, so runs never see each other's rows or queue.
 *
 * @example
 * const cluster = await startBenchCluster({ dataDir: '.tweetflow/bench/postgres', port: 54349 });
 * const url = await cluster.freshDatabase('publish');
 */
export async function startBenchCluster(options: { dataDir: string; port?: number; persistent?: boolean }): Promise<BenchCluster> {
  const serverLog = new ServerLog();
  const start = async () =>
    startEmbeddedPostgres({
      dataDir: options.dataDir,
      port: options.port ?? (await freePort()),
      persistent: options.persistent ?? true,
      onLog: (output) => serverLog.read(output),
    });
  let cluster = await start();
  // A throwaway cluster (the smoke test) would lose the setting with its directory on stop.
  if (options.persistent !== false && cluster.owned && !(await preloadsStatementStats(cluster))) {
    cluster = await restartWithStatementStats(cluster, start);
  }
  const countsStatements = await preloadsStatementStats(cluster);
  const admin = postgres(cluster.urlFor('postgres'), { max: 2, onnotice: () => {} });
  if (countsStatements) await admin`create extension if not exists pg_stat_statements`;
  await admin.unsafe(`alter system set log_min_duration_statement = ${SLOW_STATEMENT_MS}`);
  await admin`select pg_reload_conf()`;
  await admin.unsafe(`drop database if exists "${TEMPLATE}" with (force)`);
  await ensureDatabaseExists(cluster, TEMPLATE);
  await migrateDatabase(cluster.urlFor(TEMPLATE));

  return {
    admin,
    countsStatements,
    serverLog: cluster.owned ? serverLog : null,
    postmasterPid: Number(readFileSync(path.join(options.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    async freshDatabase(label) {
      const name = `bench_${label.replace(/[^a-z0-9_]/g, '_')}`;
      // Every scenario starts on a quiet cluster: the databases the scenarios before it
      // left behind are dropped, or autovacuum would be cleaning up after them beside this
      // one's measurements, and a checkpoint writes out what they left in memory.
      const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'bench\\_%' and datname <> ${TEMPLATE}`;
      for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin`checkpoint`;
      await admin.unsafe(`create database "${name}" template "${TEMPLATE}"`);
      return cluster.urlFor(name);
    },
    async stop() {
      await admin.end({ timeout: 5 });
      await cluster.stop();
    },
  };
}

async function preloadsStatementStats(cluster: EmbeddedCluster): Promise<boolean> {
  const sql = postgres(cluster.urlFor('postgres'), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ libraries: string }[]>`select current_setting('shared_preload_libraries') as libraries`;
    return (row?.libraries ?? '').includes('pg_stat_statements');
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** `shared_preload_libraries` only takes effect at server start, so the first run restarts once. */
async function restartWithStatementStats(cluster: EmbeddedCluster, start: () => Promise<EmbeddedCluster>): Promise<EmbeddedCluster> {
  const sql = postgres(cluster.urlFor('postgres'), { max: 1, onnotice: () => {} });
  try {
    await sql`alter system set shared_preload_libraries = 'pg_stat_statements'`;
  } finally {
    await sql.end({ timeout: 5 });
  }
  await cluster.stop();
  return start();
}

/**
 * A TCP port nobody listens on right now.
 *
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
