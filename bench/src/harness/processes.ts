import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sleep } from './wait';

export type BenchProcess = {
  name: string;
  child: ChildProcess;
  /** What the process printed last (for the error when it dies). */
  output(): string;
  stop(): Promise<void>;
};

const KEPT_OUTPUT = 8_000;

/** Makes a started process stop when the bench is gone (see the file). */
const EXIT_WITH_PARENT = pathToFileURL(path.join(import.meta.dirname, 'exit-with-parent.mjs')).href;

/**
 * Starts a Node process of the app (the worker, the web server) with its output kept, not
 * shown: the progress line stays readable and a crash still says why. It stops by itself
 * when the bench process goes away without stopping it. `ownSession` starts it in a
 * session of its own, so Linux's autogroup scheduling gives it a share of the cores of its
 * own (as `pnpm dev` starts the web server; see `startWebServer`).
 *
 * @example
 * const worker = startBenchProcess('worker', ['--import', 'tsx', 'apps/worker/src/main.ts'], { cwd: root, env });
 */
export function startBenchProcess(name: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; ownSession?: boolean }): BenchProcess {
  const child = spawn(process.execPath, ['--import', EXIT_WITH_PARENT, ...args], {
    cwd: options.cwd,
    env: { ...options.env, TWEETFLOW_BENCH_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownSession ?? false,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls `url` until it answers 200; fails early when the process dies, with its output.
 *
 * @example
 * await waitForHttpOk(worker, `http://127.0.0.1:${port}/healthz`, 60_000);
 */
export async function waitForHttpOk(process: BenchProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) throw new Error(`${process.name} exited before it was ready:\n${process.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${process.name} was not ready at ${url} within ${timeoutMs / 1000} s:\n${process.output()}`);
}
