import { ConfigError, loadConfig } from '@tweetflow/config';
import { createLogger, startRuntime, type Runtime } from '@tweetflow/core';
import { resolveDatabase } from '@tweetflow/db';

let starting: Promise<Runtime> | undefined;

/**
 * The web process's runtime (database pool, job queue client, logger), started once on
 * first use. Migrations are not applied here: `pnpm dev`, `pnpm start`, the worker and
 * the container entrypoint apply them before the web app serves.
 */
export function getRuntime(): Promise<Runtime> {
  starting ??= start().catch((error: unknown) => {
    starting = undefined;
    throw error;
  });
  return starting;
}

async function start(): Promise<Runtime> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    throw error;
  }
  const logger = createLogger(config, 'web');
  const database = await resolveDatabase(config);
  const runtime = await startRuntime(config, { role: 'web', databaseUrl: database.url, logger });
  logger.info({ url: config.publicUrl }, 'web ready');
  return runtime;
}
