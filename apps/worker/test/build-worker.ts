import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Vitest global setup: the tests that start a worker process start the production bundle
 * (`node dist/main.js`), so it is built from the current sources first.
 */
export default function buildWorker(): void {
  execFileSync(process.execPath, ['build.ts'], { cwd: path.join(import.meta.dirname, '..'), stdio: 'inherit' });
}
