import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { localZone, wallClock } from '../format.ts';
import { positiveInteger } from '../option-values.ts';
import { followRun } from '../run-progress.ts';

export function registerRuns(program: Command, context: CliContext): void {
  const runs = program.command('runs').description('workflow runs: history and live progress');

  runs
    .command('list')
    .description('runs, newest first')
    .option('--workflow <workflowId>', 'only runs of this workflow')
    .option('--limit <count>', 'at most this many runs', '20')
    .action(async (options: { workflow?: string; limit: string }) => {
      const client = await context.client();
      const page = await client.workflows.runs.query({
        workspaceId: await context.workspaceId(),
        limit: positiveInteger('--limit', options.limit),
        ...(options.workflow ? { workflowId: options.workflow } : {}),
      });
      context.output.result(page, () =>
        context.output.table(
          ['id', 'workflow', 'status', 'started', 'ms', 'error'],
          page.runs.map((run) => [
            run.id,
            run.workflowId,
            run.dryRun ? `${run.status} (dry run)` : run.status,
            wallClock(run.createdAt, localZone()),
            run.durationMs === null ? '' : String(run.durationMs),
            run.error ?? '',
          ]),
        ),
      );
    });

  runs
    .command('watch')
    .description('follow a run step by step until it ends')
    .argument('<runId>')
    .option('--timeout <seconds>', 'how long to wait', '600')
    .action(async (runId: string, options: { timeout: string }) => {
      const client = await context.client();
      await followRun(context, client, { workspaceId: await context.workspaceId(), runId }, AbortSignal.timeout(positiveInteger('--timeout', options.timeout) * 1000));
    });
}
