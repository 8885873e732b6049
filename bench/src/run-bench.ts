import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startBenchCluster } from './harness/bench-cluster';
import type { Progress } from './harness/progress';
import { baselineFigures } from './report';
import type { BaselineFigures, BenchContext, Scenario, ScenarioResult } from './scenario';
import { SCENARIOS } from './scenarios';

export type BenchOptions = {
  root: string;
  /** Scenario names to run after the baseline; empty runs them all. */
  scenarios: readonly string[];
  /** `full` for `pnpm bench`, `smoke` for the test that keeps the harness working. */
  size: 'full' | 'smoke';
  /** Where the bench cluster and the app processes keep their files. */
  dataDir: string;
  /** Fixed port for the bench cluster; a free one when unset. */
  postgresPort?: number;
  /** false throws the cluster away afterwards (the smoke test). */
  persistent: boolean;
  progress: Progress;
  cpuProfileDir?: string;
  /** Called with each result as soon as its scenario ends (the CLI writes it out). */
  onResult?: (result: ScenarioResult, baseline: BaselineFigures | undefined) => void;
};

/**
 * Runs the baseline and then the chosen scenarios against one bench cluster, each in a
 * fresh database, and returns their results in order.
 *
 * @example
 * const results = await runBench({ root, scenarios: ['publish'], size: 'full', dataDir, persistent: true, progress });
 */
export async function runBench(options: BenchOptions): Promise<{ results: ScenarioResult[]; baseline: BaselineFigures | undefined }> {
  const unknown = options.scenarios.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown scenario ${unknown.join(', ')}; choose from ${SCENARIOS.map((scenario) => scenario.name).join(', ')}.`);
  }
  const chosen = SCENARIOS.filter((scenario) => scenario.name === 'baseline' || options.scenarios.length === 0 || options.scenarios.includes(scenario.name));
  const appDataDir = path.join(options.dataDir, 'app');
  mkdirSync(appDataDir, { recursive: true });
  options.progress.update('starting the bench PostgreSQL');
  const cluster = await startBenchCluster({ dataDir: path.join(options.dataDir, 'postgres'), port: options.postgresPort, persistent: options.persistent });
  const context: BenchContext = { root: options.root, cluster, dataDir: appDataDir, progress: options.progress, cpuProfileDir: options.cpuProfileDir };
  const results: ScenarioResult[] = [];
  let baseline: BaselineFigures | undefined;
  try {
    for (const scenario of chosen as ReadonlyArray<Scenario<unknown>>) {
      const result = await scenario.run(context, options.size === 'full' ? scenario.full : scenario.smoke);
      if (scenario.name === 'baseline') baseline = baselineFigures(result);
      results.push(result);
      options.onResult?.(result, baseline);
    }
  } finally {
    await cluster.stop();
  }
  return { results, baseline };
}
