import { spawn } from 'node:child_process';
import path from 'node:path';

const CLI = path.resolve(import.meta.dirname, '../../src/cli/main.ts');

export type CliRun = { code: number; stdout: string; stderr: string; json<T = unknown>(): T };

/**
 * Runs `tweetflow` as a script would: a child process (Node runs the TypeScript sources
 * as they are), no terminal, the given environment on top of a clean one.
 *
 * @example
 * const run = await tweetflow(['accounts', 'list', '--json'], { TWEETFLOW_URL: url, TWEETFLOW_TOKEN: token });
 * expect(run.code).toBe(0);
 */
export function tweetflow(args: string[], env: Record<string, string>, options: { cwd?: string } = {}): Promise<CliRun> {
  // The developer's own login must not leak into a test.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TWEETFLOW_')));
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...inherited, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        json<T>() {
          try {
            return JSON.parse(stdout) as T;
          } catch {
            throw new Error(`tweetflow ${args.join(' ')} printed no single JSON document (exit ${code}).\nstdout:\n${stdout}\nstderr:\n${stderr}`);
          }
        },
      }),
    );
  });
}
