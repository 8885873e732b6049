import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './bench-cluster';
import { BENCH_TOKEN_KEYS } from './fixtures';
import { startBenchProcess, waitForHttpOk, type BenchProcess } from './processes';

export type AppEnvironment = {
  root: string;
  /** The web app's production build to serve (see `buildWebApp`). */
  webDir?: string;
  databaseUrl: string;
  sandboxUrl: string;
  /** Where the processes keep media and keys; inside the bench's data directory. */
  dataDir: string;
};

/** The environment both app processes get, as `pnpm start` would set it up (production mode, quiet logs). */
function appEnv(app: AppEnvironment, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: app.databaseUrl,
    X_API_BASE_URL: app.sandboxUrl,
    TOKEN_ENCRYPTION_KEYS: BENCH_TOKEN_KEYS,
    TWEETFLOW_DATA_DIR: app.dataDir,
    ...(process.env.WORKER_NICENESS ? { WORKER_NICENESS: process.env.WORKER_NICENESS } : {}),
    ...extra,
  };
}

/**
 * The real worker process as production runs it (`node apps/worker/dist/main.js`, see
 * `buildWorker`), ready once its health endpoint answers. `cpuProfileDir` runs it under
 * `--cpu-prof`.
 *
 * @example
 * const worker = await startWorker(app, { concurrency: 8 });
 */
export async function startWorker(app: AppEnvironment, options: { concurrency?: number; cpuProfileDir?: string } = {}): Promise<BenchProcess> {
  buildWorker(app.root);
  const healthPort = await freePort();
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const worker = startBenchProcess('worker', [...profiling, 'apps/worker/dist/main.js'], {
    cwd: app.root,
    env: appEnv(app, {
      WORKER_CONCURRENCY: String(options.concurrency ?? 8),
      WORKER_HEALTH_PORT: String(healthPort),
    }),
  });
  await waitForHttpOk(worker, `http://127.0.0.1:${healthPort}/healthz`, 60_000);
  return worker;
}

let workerBuilt = false;

/**
 * Builds the worker's production bundle once per bench run, through turbo, so an unchanged
 * worker (and unchanged workspace packages) is restored from turbo's cache instead.
 */
function buildWorker(root: string): void {
  if (workerBuilt) return;
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@tweetflow/worker', '--output-logs=errors-only'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  workerBuilt = true;
}

/**
 * The production web server (`node apps/web/server.js` over the adapter-node build), ready
 * once `/readyz` answers. Per-person API limits are raised far out of reach rather than
 * turned off, so each request still pays for its limit check as in production. It runs in
 * a session of its own, as `pnpm dev` and `pnpm start` run it (and as a container of its
 * own runs it in docker-compose): in the bench's session it shared one scheduling share
 * with the worker and the bench's X sandbox.
 *
 * @example
 * const web = await startWebServer(app);
 * await fetch(`${web.url}/readyz`);
 */
export async function startWebServer(app: AppEnvironment, options: { cpuProfileDir?: string } = {}): Promise<BenchProcess & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  if (!app.webDir) throw new Error('build the web app first (buildWebApp)');
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const web = startBenchProcess('web', [...profiling, 'server.js'], {
    cwd: app.webDir,
    ownSession: true,
    env: appEnv(app, {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      RATE_LIMIT_API_PER_MINUTE: '100000000',
    }),
  });
  await waitForHttpOk(web, `${url}/readyz`, 60_000);
  return { ...web, url };
}

/**
 * Builds the web app unless turbo's cache already holds this exact build (then it is
 * restored in a second), so a fresh clone benchmarks what it has, not a stale bundle; then
 * copies it aside and returns where. Other work in the same checkout (browser tests) may
 * rebuild `apps/web/build` at any moment, and a server whose chunks change under it fails.
 * The copy lives under the app's `node_modules`, so its imports still resolve.
 *
 * @example
 * const webDir = buildWebApp(root);
 */
export function buildWebApp(root: string): string {
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@tweetflow/web', '--output-logs=errors-only'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const web = path.join(root, 'apps/web');
  const copy = path.join(web, 'node_modules/.cache/tweetflow-bench');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  cpSync(path.join(web, 'build'), path.join(copy, 'build'), { recursive: true });
  for (const file of ['server.js', 'package.json']) cpSync(path.join(web, file), path.join(copy, file));
  return copy;
}
