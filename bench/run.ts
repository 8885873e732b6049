import path from 'node:path';
import { parseArgs } from 'node:util';
import { findWorkspaceRoot } from '@tweetflow/config';
import { ProgressLine } from './src/harness/progress';
import { summaryTable, writeResult, machineDescription } from './src/report';
import { runBench } from './src/run-bench';

// `pnpm bench [scenario…] [--profile]`: runs the baseline, then the named scenarios (all
// when none is named), prints a summary table and writes one JSON file per scenario.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { profile: { type: 'boolean', default: false }, smoke: { type: 'boolean', default: false } },
});
const root = findWorkspaceRoot(import.meta.dirname);
const resultsDir = path.join(root, 'bench', 'results');
const dataDir = path.join(root, '.tweetflow', 'bench');
const progress = new ProgressLine();
const started = Date.now();

try {
  const { results, baseline } = await runBench({
    root,
    scenarios: positionals,
    size: values.smoke ? 'smoke' : 'full',
    dataDir,
    postgresPort: Number(process.env.BENCH_POSTGRES_PORT ?? 54349),
    persistent: true,
    progress,
    ...(values.profile ? { cpuProfileDir: path.join(dataDir, 'profiles') } : {}),
    onResult: (result, figures) => progress.done(`wrote ${path.relative(root, writeResult(resultsDir, result, figures))}`),
  });
  console.log(`\nTweetFlow benchmarks — ${machineDescription()} — ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log('Figures are medians of repeated runs; ratios are to the raw pg-boss baseline measured in this same run.\n');
  console.log(summaryTable(results, baseline));
  if (results.some((result) => result.checks.some((item) => !item.ok))) process.exitCode = 1;
} catch (error) {
  progress.done(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
