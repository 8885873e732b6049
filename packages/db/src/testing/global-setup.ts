import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDatabaseExists, startEmbeddedPostgres } from '../embedded';
import { migrateDatabase } from '../migrate';
import { TEMPLATE_DATABASE } from './template';

/**
 * Vitest global setup: one throwaway embedded PostgreSQL per test run, with a template
 * database that already has every migration applied. Each test file clones the template
 * (see `createTestDatabase`), which takes milliseconds and keeps files from sharing state.
 */
export default async function setup(project: TestProject) {
  const root = mkdtempSync(path.join(tmpdir(), 'tweetflow-test-pg-'));
  // As root, Postgres runs as the `postgres` user, which must be able to enter this folder.
  chmodSync(root, 0o755);
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(root, 'data'),
    port: await findFreePort(),
    persistent: false,
  });
  await ensureDatabaseExists(cluster, TEMPLATE_DATABASE);
  await migrateDatabase(cluster.urlFor(TEMPLATE_DATABASE));
  project.provide('tweetflowPostgresAdminUrl', cluster.urlFor('postgres'));

  return async () => {
    await cluster.stop();
    rmSync(root, { recursive: true, force: true });
  };
}

function findFreePort(): Promise<number> {
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
