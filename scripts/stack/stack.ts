import path from 'node:path';
import { loadConfig, type Config } from '@tweetflow/config';
import { migrateDatabase, resolveDatabase } from '@tweetflow/db';
import { prefixed } from './log-lines';
import { startProcess, stopProcess, waitUntilReady, type ManagedProcess } from './processes';
import { startLocalSandbox } from './sandbox';

/** What a stopping process gets beyond SHUTDOWN_TIMEOUT_MS to hand back its jobs and close. */
const HANDBACK_GRACE_MS = 5_000;

export type StackMode = 'dev' | 'start';

type RunningStack = { url: string; stop(): Promise<void> };

/**
 * Starts the whole app in one process tree: the database (embedded unless DATABASE_URL is
 * set), migrations, the X sandbox (unless X credentials are configured), the worker and
 * the web app. `dev` runs Vite with hot reload and the worker from source; `start` runs the
 * production builds of both (`pnpm build`).
 */
export async function startStack(mode: StackMode, root: string): Promise<RunningStack> {
  const config = loadConfig();
  const log = (message: string) => console.log(prefixed('stack', message));
  const started = Date.now();

  const database = await resolveDatabase(config);
  log(`database: ${database.source === 'embedded' ? `embedded PostgreSQL (data in ${path.relative(root, config.dataDir)}/postgres)` : 'DATABASE_URL'}`);
  await migrateDatabase(database.url);
  log('migrations applied');

  const sandbox = config.usesRealX || config.X_API_BASE_URL ? undefined : await startLocalSandbox(config);
  if (sandbox) log(`X sandbox: ${sandbox.url} (no X credentials configured)`);

  const env = childEnvironment(config, database.url, sandbox?.url);
  // The web server in a session of its own: a webhook's caller and a person's click wait on
  // it, and sharing the worker's CPU share (however niced the worker) cost the webhook acks
  // (docs/performance.md, "What the benchmarks changed").
  const processes: ManagedProcess[] = [
    startProcess('worker', process.execPath, mode === 'dev' ? ['--import', 'tsx', 'src/main.ts'] : ['dist/main.js'], { cwd: path.join(root, 'apps/worker'), env }),
    startProcess('web', process.execPath, mode === 'dev' ? [viteBin(root), 'dev', '--port', String(config.PORT)] : ['server.js'], {
      cwd: path.join(root, 'apps/web'),
      env,
      ownSession: true,
    }),
  ];

  const stop = async () => {
    // A worker waits up to SHUTDOWN_TIMEOUT_MS for its jobs, then hands the rest back:
    // killed at that moment, it would leave them held until their heartbeat runs out.
    await Promise.all(processes.map((child) => stopProcess(child, config.SHUTDOWN_TIMEOUT_MS + HANDBACK_GRACE_MS)));
    await sandbox?.stop();
    await database.release();
  };

  const url = `http://localhost:${config.PORT}`;
  try {
    await waitUntilReady(`http://127.0.0.1:${config.PORT}/readyz`, processes[1]!, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, stop };
}

function childEnvironment(config: Config, databaseUrl: string, sandboxUrl: string | undefined): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TWEETFLOW_DATA_DIR: config.dataDir,
    PORT: String(config.PORT),
    HOST: config.HOST,
    PUBLIC_URL: config.publicUrl,
    ...(sandboxUrl ? { X_API_BASE_URL: sandboxUrl } : {}),
  };
}

function viteBin(root: string): string {
  return path.join(root, 'apps/web/node_modules/vite/bin/vite.js');
}
