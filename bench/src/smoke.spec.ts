import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findWorkspaceRoot } from '@tweetflow/config';
import { quietProgress } from './harness/progress';
import { runBench } from './run-bench';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tweetflow-bench-smoke-'));
// As root, Postgres runs as the `postgres` user, which must be able to enter this folder.
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Every scenario at a tenth of a percent of its size, so the harness keeps working between
// benchmark runs. Only correctness is asserted: timings on a shared machine prove nothing.
it('runs every scenario small, and each one checks out', async () => {
  const { results } = await runBench({
    root: findWorkspaceRoot(import.meta.dirname),
    scenarios: [],
    size: 'smoke',
    dataDir,
    persistent: false,
    progress: quietProgress,
  });
  const failed = results.flatMap((result) => result.checks.filter((item) => !item.ok).map((item) => `${result.scenario}: ${item.label} (${item.detail})`));
  expect(failed).toEqual([]);
  expect(results.map((result) => result.scenario)).toEqual(['baseline', 'publish', 'workflows', 'api', 'idle']);
  for (const result of results) for (const metric of result.metrics) expect(Number.isFinite(metric.value), `${result.scenario}: ${metric.label}`).toBe(true);
}, 180_000);
