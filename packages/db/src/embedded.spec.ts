import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { isAlive } from './embedded-exit';

const scratch = mkdtempSync(path.join(tmpdir(), 'tweetflow-embedded-exit-'));
// As root, Postgres runs as the `postgres` user, which must be able to enter this folder.
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Child = { status: Promise<number | null>; output: () => string; signal: (name: NodeJS.Signals) => void; said: (text: string) => Promise<void> };

/**
 * Runs `body` in a new Node process that has started a cluster in `dataDir` (as `cluster`,
 * on a free `port`), the way `pnpm dev`, the test setup and the bench do.
 */
function runWithCluster(dataDir: string, body: string, options: { ownProcessGroup?: boolean } = {}): Child {
  const script = `
    import { createServer } from 'node:net';
    import postgres from 'postgres';
    import { startEmbeddedPostgres } from ${JSON.stringify(path.join(import.meta.dirname, 'embedded.ts'))};
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    const cluster = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port, persistent: true });
    ${body}
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup === true,
  });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const status = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    status,
    output: () => output,
    // With a process group of its own, the signal goes to the whole group, as a terminal's Ctrl-C does.
    signal: (name) => (options.ownProcessGroup ? process.kill(-child.pid!, name) : child.kill(name)),
    said: (text) =>
      new Promise<void>((resolve, reject) => {
        const check = () => output.includes(text) && (listeners.delete(check), resolve());
        listeners.add(check);
        check();
        void status.then(() => reject(new Error(`the process ended without saying "${text}":\n${output}`)));
      }),
  };
}

/**
 * A child body that handles `signal` as `pnpm dev` does: it still queries its cluster
 * 300 ms after the signal, says so, then stops the cluster itself and exits 0.
 */
function stopsItsClusterLastOn(signal: NodeJS.Signals): string {
  return `
    process.on('${signal}', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sql = postgres(cluster.urlFor('postgres'), { max: 1 });
      const [row] = await sql\`select 1 as one\`;
      console.log('still answering:', row.one);
      await sql.end();
      await cluster.stop();
      process.exit(0);
    });
    console.log('ready');
  `;
}

function postmasterOf(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

// vitest reports failing tests, and `pnpm bench` failed checks, through process.exitCode.
test('a process that used the embedded PostgreSQL keeps its exit code', async () => {
  const child = runWithCluster(path.join(scratch, 'kept'), `
    await cluster.stop();
    process.exitCode = 3;
  `);

  expect(await child.status, child.output()).toBe(3);
  expect(child.output()).toBe('');
});

test('a process that crashes without stopping its cluster takes the cluster with it', async () => {
  const dataDir = path.join(scratch, 'crashed');
  // The crash waits for a signal: the postmaster's pid file is read first, since a cluster
  // that has already stopped has removed it.
  const child = runWithCluster(dataDir, `
    process.on('SIGUSR2', () => { throw new Error('crashed on purpose'); });
    console.log('ready');
    setInterval(() => {}, 1000);
  `);
  await child.said('ready');
  const postmaster = postmasterOf(dataDir);

  child.signal('SIGUSR2');

  expect(await child.status).toBe(1);
  expect(child.output()).toContain('crashed on purpose');
  await expect.poll(() => isAlive(postmaster), { timeout: 15_000 }).toBe(false);
});

// `pnpm dev` stops the web server and the worker before the database; the cluster must
// still answer them until then.
test('a process that handles SIGTERM itself keeps its cluster until it stops it', async () => {
  const child = runWithCluster(path.join(scratch, 'graceful'), stopsItsClusterLastOn('SIGTERM'));
  await child.said('ready');

  child.signal('SIGTERM');

  expect(await child.status, child.output()).toBe(0);
  expect(child.output()).toContain('still answering: 1');
});

// A terminal's Ctrl-C sends SIGINT to every process of the foreground group: `pnpm dev`
// and, unless it has a group of its own, the postmaster it started, which then shut down
// under the worker still finishing its jobs (the worker crashed on "terminating connection").
test("Ctrl-C in a terminal (SIGINT to the process group) leaves the cluster to the process that started it", async () => {
  const child = runWithCluster(path.join(scratch, 'interrupted'), stopsItsClusterLastOn('SIGINT'), { ownProcessGroup: true });
  await child.said('ready');

  child.signal('SIGINT');

  expect(await child.status, child.output()).toBe(0);
  expect(child.output()).toContain('still answering: 1');
});

test('a process that leaves SIGTERM to the default ends with 143 and stops its cluster', async () => {
  const dataDir = path.join(scratch, 'signalled');
  const child = runWithCluster(dataDir, `console.log('ready'); setInterval(() => {}, 1000);`);
  await child.said('ready');
  const postmaster = postmasterOf(dataDir);

  child.signal('SIGTERM');

  expect(await child.status).toBe(143);
  await expect.poll(() => isAlive(postmaster), { timeout: 15_000 }).toBe(false);
});
