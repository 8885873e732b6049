import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BaselineFigures, BaselineKey, Metric, ScenarioResult, Target } from './scenario';

/** Which baseline metric stands for each baseline key (by label, as the baseline scenario names them). */
const BASELINE_LABELS: Record<BaselineKey, string> = {
  jobsPerSecond: 'raw pg-boss drain',
  latenessP50Ms: 'raw pg-boss steady lateness p50',
  latenessP99Ms: 'raw pg-boss steady lateness p99',
  roundTripMs: 'database round trip (select 1) p50',
};

/**
 * The baseline's figures by key, read from its result.
 *
 * @example
 * const figures = baselineFigures(baselineResult);
 */
export function baselineFigures(result: ScenarioResult): BaselineFigures {
  const find = (label: string) => result.metrics.find((candidate) => candidate.label === label)?.value ?? Number.NaN;
  return Object.fromEntries(Object.entries(BASELINE_LABELS).map(([key, label]) => [key, find(label)])) as BaselineFigures;
}

/**
 * `value` against a target: "pass" or "miss", or empty when the metric has none.
 *
 * @example
 * verdict(1200, { op: '>=', value: 1000 }); // 'pass'
 */
export function verdict(value: number, target: Target | undefined): '' | 'pass' | 'miss' {
  if (!target) return '';
  const ok = target.op === '>=' ? value >= target.value : target.op === '<=' ? value <= target.value : value < target.value;
  return ok ? 'pass' : 'miss';
}

function ratio(metric: Metric, baseline: BaselineFigures | undefined): number | undefined {
  if (!metric.baseline || !baseline) return undefined;
  const reference = baseline[metric.baseline];
  return Number.isFinite(reference) && reference > 0 ? metric.value / reference : undefined;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return '—';
  // Counts (and anything else whole) read as counts: 3, not 3.00.
  if (Math.abs(value) >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

/**
 * The summary table printed at the end: one row per metric with its median, the runs it
 * came from, the ratio to the same-run baseline, the target and pass/miss; then each
 * scenario's correctness checks.
 *
 * @example
 * console.log(summaryTable(results, baselineFigures(results[0])));
 */
export function summaryTable(results: readonly ScenarioResult[], baseline: BaselineFigures | undefined): string {
  const rows: string[][] = [['scenario', 'metric', 'median', 'unit', 'runs', '× baseline', 'target', 'verdict']];
  for (const result of results) {
    for (const metric of result.metrics) {
      const times = ratio(metric, baseline);
      rows.push([
        result.scenario,
        metric.label,
        format(metric.value),
        metric.unit,
        metric.runs.length > 1 ? metric.runs.map(format).join(' / ') : '',
        times === undefined ? '' : `${format(times)}×`,
        metric.target ? `${metric.target.op} ${format(metric.target.value)}` : '',
        verdict(metric.value, metric.target),
      ]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const table = [line(rows[0]!), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.slice(1).map(line)];
  const checks = results.flatMap((result) =>
    result.checks.map((item) => `${item.ok ? '✓' : '✗'} ${result.scenario}: ${item.label} (${item.detail})`),
  );
  const notes = results.flatMap((result) => result.notes.map((note) => `• ${result.scenario}: ${note}`));
  return [...table, '', ...checks, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

/**
 * Writes `bench/results/<scenario>-<date>.json` with the figures, their baseline ratios and
 * verdicts, and the machine they were measured on; returns the file's path.
 *
 * @example
 * const file = writeResult(resultsDir, result, baseline);
 */
export function writeResult(resultsDir: string, result: ScenarioResult, baseline: BaselineFigures | undefined): string {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\..*$/, '');
  const file = path.join(resultsDir, `${result.scenario}-${stamp}.json`);
  const document = {
    ...result,
    measuredAt: new Date().toISOString(),
    machine: machineDescription(),
    baseline,
    metrics: result.metrics.map((metric) => ({ ...metric, ratioToBaseline: ratio(metric, baseline) ?? null, verdict: verdict(metric.value, metric.target) || null })),
  };
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}

/**
 * The machine in one line: CPU model, cores, memory, Node version.
 *
 * @example
 * machineDescription(); // 'AMD EPYC 7B13 × 2, 23.5 GB, Node 24.21.0, linux'
 */
export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.versions.node}, ${process.platform}`;
}
