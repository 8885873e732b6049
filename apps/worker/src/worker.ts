import type { Config } from '@tweetflow/config';
import { startRuntime, type Logger, type Runtime } from '@tweetflow/core';
import { registerJobHandlers } from './handlers';
import { startHealthServer } from './health-server';

export type RunningWorker = { runtime: Runtime; stop(): Promise<void> };

/**
 * Starts pg-boss on the database, creates the queues and begins working them.
 * `stop` lets in-flight jobs finish (up to SHUTDOWN_TIMEOUT_MS); pg-boss hands back any
 * job still active after that, so another worker picks it up after it expires.
 */
export async function startWorker(config: Config, options: { databaseUrl: string; logger: Logger }): Promise<RunningWorker> {
  const runtime = await startRuntime(config, { role: 'worker', ...options });
  await registerJobHandlers(runtime);
  const health = config.WORKER_HEALTH_PORT > 0 ? await startHealthServer(runtime, config.WORKER_HEALTH_PORT) : undefined;
  return {
    runtime,
    async stop() {
      await health?.close();
      await runtime.stop();
    },
  };
}
