import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** A WAL page: what a small commit makes PostgreSQL write and flush. */
const PAGE = Buffer.alloc(8_192, 1);

/**
 * Times `count` flushes of an 8 KB write to a scratch file in `directory` (write, then
 * `fdatasync`), as PostgreSQL flushes its WAL at every synchronous commit. Every webhook
 * batch's commit waits for one, so the disk's flush time sits under the webhook acks: on
 * 29 November an 8 KB synchronous write (`dd oflag=dsync`) took 0.18 ms at midday and
 * 0.49 ms two hours later on the same machine, and the webhook figures were 2–2.5× worse.
 * Answers each flush's time in ms; the file is removed.
 *
 * @example
 * const flushes = timeDiskFlushes(context.dataDir, 200);
 */
export function timeDiskFlushes(directory: string, count: number): number[] {
  const file = path.join(directory, `flush-probe-${process.pid}`);
  const descriptor = openSync(file, 'w');
  const times: number[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const started = performance.now();
      writeSync(descriptor, PAGE, 0, PAGE.length, (index % 16) * PAGE.length);
      fdatasyncSync(descriptor);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(descriptor);
    rmSync(file, { force: true });
  }
  return times;
}
