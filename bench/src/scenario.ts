import type { BenchCluster } from './harness/bench-cluster';
import type { Progress } from './harness/progress';
import { median } from './harness/stats';

/** A target from the benchmarks issue: the metric must be at least / at most / below `value`. */
export type Target = { op: '>=' | '<=' | '<'; value: number };

/**
 * Which baseline figure a metric is divided by for its ratio: throughput by raw pg-boss
 * throughput, lateness by raw pg-boss lateness, request latency by a bare database round trip.
 */
export type BaselineKey = 'jobsPerSecond' | 'latenessP50Ms' | 'latenessP99Ms' | 'roundTripMs';

export type Metric = {
  label: string;
  unit: string;
  /** The median over `runs`. */
  value: number;
  runs: number[];
  target?: Target;
  baseline?: BaselineKey;
};

/** A correctness check; a failed one fails the bench (exit code 1) and the smoke test. */
export type Check = { label: string; ok: boolean; detail: string };

export type ScenarioResult = {
  scenario: string;
  parameters: Record<string, unknown>;
  metrics: Metric[];
  checks: Check[];
  notes: string[];
  /** Written to the scenario's JSON, not printed: what to look at when a figure jumps. */
  details?: Record<string, unknown>;
};

export type BaselineFigures = Record<BaselineKey, number>;

export type BenchContext = {
  /** The repository root. */
  root: string;
  cluster: BenchCluster;
  /** Scratch space for the app processes (media, keys), git-ignored. */
  dataDir: string;
  progress: Progress;
  /** When set, the worker and the web server run under `--cpu-prof` and write their profiles here. */
  cpuProfileDir?: string;
};

/** One benchmark: `run` with the full-size parameters for `pnpm bench`, the small ones for the smoke test. */
export type Scenario<P> = {
  name: string;
  full: P;
  smoke: P;
  run(context: BenchContext, parameters: P): Promise<ScenarioResult>;
};

/**
 * A metric from one or more runs' values; its value is their median.
 *
 * @example
 * metric('drain', 'posts/s', [1200, 1100, 1300], { target: { op: '>=', value: 1000 }, baseline: 'jobsPerSecond' });
 */
export function metric(label: string, unit: string, runs: number[], options: { target?: Target; baseline?: BaselineKey } = {}): Metric {
  return { label, unit, value: median(runs), runs, ...options };
}

/**
 * A correctness check comparing what happened with what must have.
 *
 * @example
 * check('sandbox received every post', received === 10_000, `${received} of 10,000`);
 */
export function check(label: string, ok: boolean, detail: string): Check {
  return { label, ok, detail };
}
