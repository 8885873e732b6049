import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';

const scratch = mkdtempSync(path.join(tmpdir(), 'tweetflow-embedded-exit-'));
// As root, Postgres runs as the `postgres` user, which must be able to enter this folder.
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `body` in a new Node process, after `port` (a free one) and `startEmbeddedPostgres` are in scope. */
function runWithCluster(body: string) {
  const script = `
    import { createServer } from 'node:net';
    import { startEmbeddedPostgres } from ${JSON.stringify(path.join(import.meta.dirname, 'embedded.ts'))};
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    ${body}
  `;
  return spawnSync(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8', timeout: 60_000 });
}

// A process that started and stopped an embedded cluster must still exit with the code it
// chose: vitest reports failing tests, and `pnpm bench` failed checks, through exitCode.
test('a process that used the embedded PostgreSQL keeps its exit code', () => {
  const child = runWithCluster(`
    const cluster = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(path.join(scratch, 'kept'))}, port, persistent: false });
    await cluster.stop();
    process.exitCode = 3;
  `);

  expect(child.stderr).toBe('');
  expect(child.status).toBe(3);
});

test('a process that crashes without stopping its cluster takes the cluster with it', async () => {
  const dataDir = path.join(scratch, 'left');
  const child = runWithCluster(`
    await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port, persistent: true });
    throw new Error('crashed on purpose');
  `);
  expect(child.stderr).toContain('crashed on purpose');
  expect(child.status).toBe(1);
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

  await expect.poll(() => isAlive(postmaster), { timeout: 15_000 }).toBe(false);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
