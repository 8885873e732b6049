import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '@tweetflow/config';
import { connectXAccount, createLogger, createPosts, createXAccountDeps, startJobQueue, systemClock } from '@tweetflow/core';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { startSandbox, type RunningSandbox } from '@tweetflow/x-sandbox';
import { posts, users, workspaceMembers, workspaces } from '@tweetflow/db';

// The production bundle, built by the global setup (test/build-worker.ts).
const WORKER_MAIN = path.join(import.meta.dirname, '..', 'dist', 'main.js');
const KEYS = `test:${Buffer.alloc(32, 7).toString('base64')}`;

export type WorkerProcess = { child: ChildProcess; output(): string; exited: Promise<number | null> };

/**
 * A real worker process, a test database and an in-process sandbox, for tests that kill
 * the worker or make X misbehave and then check what reached X.
 */
export async function startPublishingStack(options: { xRequestTimeoutMs?: number } = {}) {
  const database: TestDatabase = await createTestDatabase();
  const sandbox: RunningSandbox = await startSandbox({ port: 0 });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tweetflow-worker-'));
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    X_API_BASE_URL: sandbox.url,
    TOKEN_ENCRYPTION_KEYS: KEYS,
    TWEETFLOW_DATA_DIR: dataDir,
    X_REQUEST_TIMEOUT_MS: String(options.xRequestTimeoutMs ?? 2_000),
    HTTP_ALLOWED_HOSTS: '127.0.0.1',
  };
  const config = parseConfig(env);
  const logger = createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }, 'publishing-test');
  const boss = await startJobQueue(database.url, { role: 'web', logger });
  const xAccounts = createXAccountDeps(config, systemClock, logger);
  const [user] = await database.db.insert(users).values({ displayName: 'Load tester' }).returning({ id: users.id });
  const [workspace] = await database.db.insert(workspaces).values({ name: 'Load' }).returning({ id: workspaces.id });
  await database.db.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId: user!.id, role: 'owner' });
  const workers: WorkerProcess[] = [];

  return {
    database,
    sandbox,
    workspaceId: workspace!.id,
    userId: user!.id,
    /** Deps for calling core services from the test, as the web process would. */
    deps: { boss, clock: systemClock, logger, xAccounts },
    /** Connects sandbox users `${prefix}0…` as X accounts; returns their ids. */
    async connectAccounts(prefix: string, count: number): Promise<Array<{ id: string; username: string }>> {
      const accounts = [];
      for (let index = 0; index < count; index++) {
        const username = `${prefix}${index}`;
        sandbox.admin.createUser({ username });
        const issued = sandbox.admin.issueToken(username);
        const account = await connectXAccount(database.db, xAccounts, {
          workspaceId: workspace!.id,
          userId: user!.id,
          tokens: {
            accessToken: issued.access_token,
            refreshToken: issued.refresh_token ?? null,
            accessTokenExpiresAt: new Date(Date.now() + issued.expires_in * 1000),
            scopes: issued.scope.split(' '),
          },
        });
        accounts.push({ id: account.id, username });
      }
      return accounts;
    },
    /** Schedules one single-item post per text, round-robin over the accounts, all due now. */
    async schedulePosts(accounts: ReadonlyArray<{ id: string }>, texts: readonly string[]): Promise<string[]> {
      const deps = { boss, clock: systemClock, logger };
      const ids: string[] = [];
      const now = new Date();
      for (let start = 0; start < texts.length; start += 100) {
        const batch = texts.slice(start, start + 100).map((text, offset) => ({
          content: { accountId: accounts[(start + offset) % accounts.length]!.id, items: [{ text, mediaIds: [] }] },
          scheduledAt: now,
          timezone: 'UTC',
          source: 'api' as const,
        }));
        ids.push(...(await createPosts(database.db, deps, { workspaceId: workspace!.id, userId: user!.id, posts: batch })));
      }
      return ids;
    },
    /** A worker process on the stack; `settings` adds to or overrides its environment. */
    startWorker(settings: Record<string, string> = {}): WorkerProcess {
      const child = spawn(process.execPath, [WORKER_MAIN], {
        env: { ...process.env, ...env, LOG_LEVEL: 'warn', WORKER_HEALTH_PORT: '0', ...settings },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (chunk) => (output += chunk));
      child.stderr?.on('data', (chunk) => (output += chunk));
      const worker = { child, output: () => output, exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
      workers.push(worker);
      return worker;
    },
    async statusCounts(): Promise<Record<string, number>> {
      const rows = await database.db.select({ status: posts.status }).from(posts);
      const counts: Record<string, number> = {};
      for (const { status } of rows) counts[status] = (counts[status] ?? 0) + 1;
      return counts;
    },
    async close() {
      for (const { child } of workers) if (child.exitCode === null) child.kill('SIGKILL');
      await boss.stop({ graceful: false, timeout: 1_000 });
      await sandbox.stop();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls until `check` returns a value, or fails after `timeoutMs` with what it last saw.
 *
 * @example
 * await waitUntil(async () => (await stack.statusCounts()).published === 500 || undefined, 120_000);
 */
export async function waitUntil<T>(check: () => Promise<T | undefined>, timeoutMs: number, describe: () => Promise<string> | string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
