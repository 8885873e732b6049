import type { PgBoss } from 'pg-boss';
import { parseConfig } from '@tweetflow/config';
import { createLogger, createXAccountDeps, startJobQueue, systemClock, type Logger, type XAccountDeps } from '@tweetflow/core';
import { createDatabase, xRateLimitWindows, type DatabaseConnection } from '@tweetflow/db';
import { startSandbox, type RunningSandbox } from '@tweetflow/x-sandbox';
import { check, type BenchContext, type Check } from '../scenario';
import { startWorker, startWebServer, type AppEnvironment } from './app-processes';
import { BENCH_TOKEN_KEYS, connectBenchAccounts, createBenchWorkspace, type BenchAccount, type BenchWorkspace } from './fixtures';
import type { BenchProcess } from './processes';

export type AppStack = {
  app: AppEnvironment;
  database: DatabaseConnection;
  sandbox: RunningSandbox;
  workspace: BenchWorkspace;
  accounts: BenchAccount[];
  /** What core services need when the bench calls them, as the web process would. */
  deps: { boss: PgBoss; clock: typeof systemClock; logger: Logger; xAccounts: XAccountDeps };
  startWorker(options?: { concurrency?: number }): Promise<BenchProcess>;
  startWebServer(): Promise<BenchProcess & { url: string }>;
  /** Closes the bench's own database and queue connections, so the worker is the database's only client. */
  disconnect(): Promise<void>;
  /** A new day at X: the sandbox forgets its rate-limit windows, so the day's budgets are whole again. */
  startNewXDay(): void;
  /**
   * A new day at X between phases, when nothing is posting: the sandbox's windows and the
   * app's own ledger of them (`x_rate_limit_windows`) both start afresh, so a phase does not
   * begin with the budget the last one spent.
   */
  startNewXDayBetweenPhases(): Promise<void>;
  close(): Promise<void>;
};

/**
 * A fresh database, an in-process X sandbox, a signed-up person with `accounts` connected
 * X accounts, and a job-queue client for enqueueing as the web app does; the worker and
 * the web server are started on demand and stopped by `close`.
 *
 * @example
 * const stack = await startAppStack(context, { label: 'publish', accounts: 1000 });
 * const worker = await stack.startWorker();
 */
export async function startAppStack(
  context: BenchContext,
  options: { label: string; accounts: number; latencyMs?: number; webDir?: string },
): Promise<AppStack> {
  const databaseUrl = await context.cluster.freshDatabase(options.label);
  // X's pay-per-use tier (the sandbox's default): on 'pro', the worker's daily account
  // reads for 1,000 new accounts overrun the app-wide 15-minute read window (450), which
  // the ledger cannot see (responses describe the user's window), and the 429s land in
  // the middle of the publishing figures.
  const sandbox = await startSandbox({ port: 0, tier: 'pay-per-use', latencyMs: options.latencyMs ?? 0 });
  const workspace = await createBenchWorkspace(databaseUrl);
  const accounts = await connectBenchAccounts(databaseUrl, sandbox, { ...workspace, count: options.accounts, prefix: `${options.label}_` });
  const logger = createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'production' }, 'bench');
  const boss = await startJobQueue(databaseUrl, { role: 'web', logger });
  const database = createDatabase(databaseUrl, { max: 8 });
  const config = parseConfig({ NODE_ENV: 'production', TOKEN_ENCRYPTION_KEYS: BENCH_TOKEN_KEYS, X_API_BASE_URL: sandbox.url }, context.dataDir);
  const xAccounts = createXAccountDeps(config, systemClock, logger);
  const app: AppEnvironment = { root: context.root, databaseUrl, sandboxUrl: sandbox.url, dataDir: context.dataDir, webDir: options.webDir };
  const processes: BenchProcess[] = [];
  const keep = <T extends BenchProcess>(process: T): T => {
    processes.push(process);
    return process;
  };
  let connected = true;
  const disconnect = async () => {
    if (!connected) return;
    connected = false;
    await boss.stop({ graceful: false, timeout: 2_000 });
    await database.close();
  };
  return {
    app,
    database,
    sandbox,
    workspace,
    accounts,
    deps: { boss, clock: systemClock, logger, xAccounts },
    startWorker: async (workerOptions = {}) =>
      keep(await startWorker(app, { ...workerOptions, ...(context.cpuProfileDir ? { cpuProfileDir: context.cpuProfileDir } : {}) })),
    startWebServer: async () => keep(await startWebServer(app, context.cpuProfileDir ? { cpuProfileDir: context.cpuProfileDir } : {})),
    startNewXDay: () => sandbox.world.rateLimits.reset(),
    async startNewXDayBetweenPhases() {
      sandbox.world.rateLimits.reset();
      await database.db.delete(xRateLimitWindows);
    },
    disconnect,
    async close() {
      await Promise.all(processes.map((process) => process.stop()));
      await disconnect();
      await sandbox.stop();
    },
  };
}

/**
 * How many posts the sandbox has received, duplicates it refused, and requests that
 * arrived over a rate limit (in all and per endpoint) — for before/after comparisons.
 *
 * @example
 * const before = sandboxTotals(stack.sandbox);
 */
export function sandboxTotals(sandbox: RunningSandbox): SandboxTotals {
  const stats = sandbox.admin.stats();
  return {
    posts: Object.values(stats.postsByUser).reduce((sum, count) => sum + count, 0),
    duplicates: stats.duplicatePostsSeen,
    overLimit: stats.overLimitAttempts,
    overLimitByEndpoint: stats.overLimitAttemptsByEndpoint,
  };
}

export type SandboxTotals = { posts: number; duplicates: number; overLimit: number; overLimitByEndpoint: Record<string, number> };

/**
 * The "no request over a rate limit" check between two totals, naming the endpoints that
 * were over, since publishing and background reads share the app's windows.
 *
 * @example
 * checks.push(overLimitCheck('drain', before, sandboxTotals(stack.sandbox)));
 */
export function overLimitCheck(phase: string, before: SandboxTotals, after: SandboxTotals): Check {
  const over = Object.entries(after.overLimitByEndpoint)
    .map(([endpoint, count]) => [endpoint, count - (before.overLimitByEndpoint[endpoint] ?? 0)] as const)
    .filter(([, count]) => count > 0);
  const detail = over.length === 0 ? '0 over-limit requests' : over.map(([endpoint, count]) => `${count} to ${endpoint}`).join(', ');
  return check(`${phase}no request over a rate limit`, over.length === 0, detail);
}
