import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { pollUntil } from './wait';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** `/proc/<pid>/stat`'s fields after the command name (state first), which may hold spaces and parentheses itself. */
const statFields = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
};

/** Whether the process runs: an exited one may linger as a zombie until whoever adopted it reaps it. */
const alive = (pid: number) => {
  try {
    return statFields(pid)[0] !== 'Z';
  } catch {
    return false;
  }
};

/** The session a process belongs to (the stat file's sixth field). */
const sessionOf = (pid: number) => Number(statFields(pid)[3]);

describe('startBenchProcess', () => {
  it.each([false, true])('a started process (in a session of its own: %s) stops, asked with SIGTERM, once the bench that started it is killed', async (ownSession) => {
    dir = await mkdtemp(path.join(tmpdir(), 'tweetflow-bench-orphan-'));
    const stoppedFile = path.join(dir, 'stopped');
    // The app process: waits for ever, and notes how it was stopped.
    const app = `process.on('SIGTERM', () => { require('node:fs').writeFileSync(${JSON.stringify(stoppedFile)}, 'SIGTERM'); process.exit(0); }); setInterval(() => {}, 1000);`;
    // The bench: starts it, says its pid, and waits to be killed.
    const bench = `
      import { startBenchProcess } from ${JSON.stringify(pathToFileURL(path.join(import.meta.dirname, 'processes.ts')).href)};
      const started = startBenchProcess('app', ['-e', ${JSON.stringify(app)}], { cwd: process.cwd(), env: process.env, ownSession: ${ownSession} });
      console.log(started.child.pid);
      setInterval(() => {}, 1000);`;
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const parent = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', bench], { stdio: ['ignore', 'pipe', 'inherit'] });
    const appPid = await new Promise<number>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    expect(alive(appPid)).toBe(true);
    // Leading a session of its own, or in the bench's.
    if (ownSession) expect(sessionOf(appPid)).toBe(appPid);
    else expect(sessionOf(appPid)).toBe(sessionOf(parent.pid!));

    parent.kill('SIGKILL');

    await pollUntil(async () => (alive(appPid) ? undefined : true), { timeoutMs: 10_000, intervalMs: 100, describe: () => `process ${appPid} still runs` });
    expect(await readFile(stoppedFile, 'utf8')).toBe('SIGTERM');
  });
});
