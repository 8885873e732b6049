import type { Config } from '@tweetflow/config';
import { startRuntime, type Logger, type Runtime } from '@tweetflow/core';
import { registerJobHandlers } from './handlers';
import { startHealthServer } from './health-server';

export type RunningWorker = { runtime: Runtime; stop(): Promise<void> };

/**
 * Starts pg-boss on the database, creates the queues and begins working them.
 * `stop` lets in-flight jobs finish (up to SHUTDOWN_TIMEOUT_MS) and hands back any job
 * still active after that, so a worker picks it up again.
 */
export async function startWorker(config: Config, options: { databaseUrl: string; logger: Logger }): Promise<RunningWorker> {
  const runtime = await startRuntime(config, { role: 'worker', ...options });
  const loops = await registerJobHandlers(runtime);
  const health = config.WORKER_HEALTH_PORT > 0 ? await startHealthServer(runtime, config.WORKER_HEALTH_PORT) : undefined;
  return {
    runtime,
    async stop() {
      await health?.close();
      // The runs' loops and pg-boss's own workers wind down side by side, so the whole stop
      // takes one SHUTDOWN_TIMEOUT_MS, not one after the other (twice that: long enough for
      // `pnpm dev` or a container runtime to kill the worker mid-handback). pg-boss keeps
      // its pool open meanwhile, because the loops settle their jobs through it;
      // `runtime.stop` closes it.
      await Promise.all([
        ...loops.map((loop) => loop.stop(config.SHUTDOWN_TIMEOUT_MS)),
        runtime.boss.stop({ graceful: true, close: false, timeout: config.SHUTDOWN_TIMEOUT_MS }),
      ]);
      await runtime.stop();
    },
  };
}
