import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { readInputFile } from '../input-file.ts';
import { EXIT } from '../exit-codes.ts';
import { localZone, wallClock } from '../format.ts';
import { parseJsonOption, positiveInteger } from '../option-values.ts';
import { followRun } from '../run-progress.ts';

export function registerWorkflows(program: Command, context: CliContext): void {
  const workflows = program.command('workflows').description('list, export, import, activate and run workflows');
  workflows
    .command('list')
    .description("the workspace's workflows with their last run and next scheduled run")
    .option('--search <text>', 'only workflows whose name contains this')
    .action(async (options: { search?: string }) => {
      const client = await context.client();
      const list = await client.workflows.list.query({ workspaceId: await context.workspaceId(), ...(options.search ? { search: options.search } : {}) });
      context.output.result(list, () =>
        context.output.table(
          ['id', 'name', 'active', 'trigger', 'last run', 'failed 24h', 'next run'],
          list.map((workflow) => [
            workflow.id,
            workflow.name,
            workflow.active ? `v${workflow.activeVersion}` : 'no',
            workflow.triggerType ?? '',
            workflow.lastRun ? `${workflow.lastRun.status} ${wallClock(workflow.lastRun.at, localZone())}` : '',
            String(workflow.failures24h),
            workflow.nextRunAt ? wallClock(workflow.nextRunAt, localZone()) : '',
          ]),
        ),
      );
    });

  workflows
    .command('export')
    .description('write a workflow as a portable file (accounts by username, no secrets)')
    .argument('<workflowId>')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (workflowId: string, options: { output?: string }) => {
      const client = await context.client();
      const file = await client.workflows.export.query({ workspaceId: await context.workspaceId(), workflowId });
      if (!options.output) {
        // The file itself is the result, in human mode too: `tweetflow workflows export id > flow.json`.
        context.output.result(file, () => context.output.line(JSON.stringify(file, null, 2)));
        return;
      }
      await writeFile(options.output, `${JSON.stringify(file, null, 2)}\n`);
      context.output.result({ workflowId, file: options.output }, () => context.output.line(`Exported workflow ${workflowId} to ${options.output}.`));
    });

  workflows
    .command('import')
    .description('create a workflow (inactive) from an exported file, or list every problem in it')
    .argument('<file>')
    .action(async (path: string) => {
      const text = await readInputFile(path);
      const client = await context.client();
      const imported = await client.workflows.import.mutate({ workspaceId: await context.workspaceId(), file: parseJsonOption(path, text) });
      context.output.result(imported, () => {
        if (imported.ok) {
          context.output.line(`Imported as workflow ${imported.saved.workflowId} (version ${imported.saved.version}, inactive).`);
          return;
        }
        context.output.line('Nothing imported; the file has these problems:');
        for (const problem of imported.problems) context.output.line(`  - ${problem.nodeId ?? 'workflow'}${problem.field ? `.${problem.field}` : ''}: ${problem.message}`);
      });
      if (!imported.ok) context.exitCode = EXIT.refused;
    });

  workflows
    .command('activate')
    .description('activate the latest version (or --version) so its trigger fires')
    .argument('<workflowId>')
    .option('--version <versionId>', 'activate this version instead (a rollback)')
    .action(async (workflowId: string, options: { version?: string }) => {
      const client = await context.client();
      const active = await client.workflows.activate.mutate({ workspaceId: await context.workspaceId(), workflowId, ...(options.version ? { versionId: options.version } : {}) });
      context.output.result({ workflowId, ...active }, () => context.output.line(`Workflow ${workflowId} is active at version ${active.version}.`));
    });

  workflows
    .command('run')
    .description('run a workflow now: its active version, or with --dry-run its latest without touching X')
    .argument('<workflowId>')
    .option('--input <json>', 'the input the trigger would give, as JSON')
    .option('--dry-run', 'record what would be sent to X instead of sending it')
    .option('--watch', 'follow the run step by step until it ends')
    .option('--timeout <seconds>', 'how long --watch waits', '600')
    .action(async (workflowId: string, options: { input?: string; dryRun?: boolean; watch?: boolean; timeout: string }) => {
      const client = await context.client();
      const workspaceId = await context.workspaceId();
      const started = await client.workflows.run.mutate({
        workspaceId,
        workflowId,
        dryRun: options.dryRun ?? false,
        ...(options.input !== undefined ? { input: parseJsonOption('--input', options.input) } : {}),
      });
      if (!options.watch) {
        context.output.result(started, () => context.output.line(`Run ${started.runId} ${started.status}. Follow it with: tweetflow runs watch ${started.runId}`));
        return;
      }
      await followRun(context, client, { workspaceId, runId: started.runId }, AbortSignal.timeout(positiveInteger('--timeout', options.timeout) * 1000));
    });
}
