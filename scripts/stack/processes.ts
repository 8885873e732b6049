import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { pipeWithPrefix } from './log-lines';

// Tests set STACK_LOG_FILE to keep every line the processes print, e.g. to prove that no
// token ever reaches a log.
const logFile = process.env.STACK_LOG_FILE ? createWriteStream(process.env.STACK_LOG_FILE, { flags: 'a' }) : undefined;

export type ManagedProcess = { name: string; child: ChildProcess; exited: Promise<number | null> };

/**
 * Starts a child process whose output is shown with a `[name]` prefix. `ownSession` starts
 * it in a session of its own: Linux's autogroup scheduling then gives it a share of the
 * cores of its own, as a container of its own has in docker-compose, rather than one
 * share for everything this command started. It then hears no Ctrl-C from the terminal;
 * the stack stops it.
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; ownSession?: boolean },
): ManagedProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: options.ownSession ?? false });
  const keep = (write: (line: string) => void) => (line: string) => {
    logFile?.write(`${line}\n`);
    write(line);
  };
  pipeWithPrefix(child.stdout!, name, keep(console.log));
  pipeWithPrefix(child.stderr!, name, keep(console.error));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { name, child, exited };
}

/** Asks a child to stop (SIGTERM), and kills it if it has not exited after `graceMs`. */
export async function stopProcess(process: ManagedProcess, graceMs: number): Promise<void> {
  if (process.child.exitCode !== null) return;
  process.child.kill('SIGTERM');
  const timer = setTimeout(() => process.child.kill('SIGKILL'), graceMs);
  await process.exited;
  clearTimeout(timer);
}

/** Polls `url` until it answers 200, the process dies, or the deadline passes. */
export async function waitUntilReady(url: string, process: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) throw new Error(`${process.name} exited before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${process.name} was not ready at ${url} within ${timeoutMs / 1000} s`);
}
