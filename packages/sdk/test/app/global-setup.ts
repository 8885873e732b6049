import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { startSandbox } from '@tweetflow/x-sandbox';
import type { TestProject } from 'vitest/node';
// Brings the database global setup's `tweetflowPostgresAdminUrl` into ProvidedContext.
import type {} from '@tweetflow/db/testing';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const TEMPLATE_DATABASE = 'tweetflow_template';
const DATABASE = 'sdk_app';
const TOKEN_ENCRYPTION_KEYS = `sdk:${Buffer.alloc(32, 5).toString('base64')}`;
const READY_WITHIN_MS = 150_000;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running app the SDK and CLI talk to, and what tests need to set up data. */
    tweetflowApp: { url: string; databaseUrl: string; sandboxUrl: string; tokenEncryptionKeys: string };
  }
}

/**
 * Starts the whole app once for the run, the way `pnpm dev` does (scripts/run-stack.ts:
 * worker and SvelteKit web app as child processes) on a database cloned from the migrated
 * template, with an X sandbox in this process. Test files create their own people,
 * workspaces and tokens, so they share it safely.
 */
export default async function setup(project: TestProject) {
  const adminUrl = project.getProvidedContext().tweetflowPostgresAdminUrl;
  const databaseUrl = await cloneTemplate(adminUrl);
  const sandbox = await startSandbox({ port: 0 });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tweetflow-sdk-app-'));
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const stack = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-stack.ts', 'dev'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      X_API_BASE_URL: sandbox.url,
      TOKEN_ENCRYPTION_KEYS,
      TWEETFLOW_DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: url,
      HTTP_ALLOWED_HOSTS: '127.0.0.1',
    },
  });
  let output = '';
  stack.stdout!.on('data', (chunk) => (output += chunk));
  stack.stderr!.on('data', (chunk) => (output += chunk));

  const stop = async () => {
    await stopProcessGroup(stack);
    await sandbox.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForApi(url, stack, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('tweetflowApp', { url, databaseUrl, sandboxUrl: sandbox.url, tokenEncryptionKeys: TOKEN_ENCRYPTION_KEYS });
  return stop;
}

async function cloneTemplate(adminUrl: string): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${DATABASE}"`);
    await admin.unsafe(`create database "${DATABASE}" template "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

/** Ready means the API itself answers (Vite compiles the route on its first request). */
async function waitForApi(url: string, stack: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (stack.exitCode !== null) throw new Error(`The app stopped before it was ready (exit ${stack.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${url}/api/trpc/health.check`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not answer at ${url} within ${READY_WITHIN_MS / 1000} s:\n${output()}`);
}

/**
 * Stops the stack's process group (the stack and its worker); the stack stops Vite, which
 * runs in a session of its own (scripts/stack/stack.ts says why).
 */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group has already exited.
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
