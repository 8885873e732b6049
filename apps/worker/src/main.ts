import { ConfigError, loadConfig } from '@tweetflow/config';
import { createLogger } from '@tweetflow/core';
import { migrateDatabase, resolveDatabase } from '@tweetflow/db';
import { giveWayToWebServer } from './process-priority';
import { startWorker } from './worker';

// The worker process: resolve the database, apply migrations, work the queues until
// SIGTERM/SIGINT, then shut down gracefully.
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const logger = createLogger(config, 'worker');
const niceness = giveWayToWebServer(config.WORKER_NICENESS, logger);
const database = await resolveDatabase(config, (line) => logger.debug({ postgres: line }));
await migrateDatabase(database.url);
const worker = await startWorker(config, { databaseUrl: database.url, logger });
logger.info({ concurrency: config.WORKER_CONCURRENCY, niceness }, 'worker ready');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: finishing in-flight jobs');
    await worker.stop();
    await database.release();
    logger.info('worker stopped');
    process.exit(0);
  });
}
