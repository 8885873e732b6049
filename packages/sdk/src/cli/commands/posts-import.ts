import type { Command } from 'commander';
import type { RouterOutputs } from '../../types.ts';
import { confirm } from '../confirm.ts';
import type { CliContext } from '../context.ts';
import { readInputFile } from '../input-file.ts';
import { EXIT } from '../exit-codes.ts';
import { wallClock } from '../format.ts';

type CsvReport = RouterOutputs['imports']['previewCsv'];

export function registerPostsImport(posts: Command, context: CliContext): void {
  posts
    .command('import')
    .description('schedule every row of a CSV (text,time,timezone,account,media_url) after showing what is wrong in it')
    .argument('<file>', 'the CSV file')
    .option('--yes', 'schedule without asking (needed when not on a terminal)')
    .option('--dry-run', 'only show the report; schedule nothing')
    .action(async (file: string, options: { yes?: boolean; dryRun?: boolean }) => {
      const csv = await readInputFile(file);
      const client = await context.client();
      const workspaceId = await context.workspaceId();
      const report = await client.imports.previewCsv.mutate({ workspaceId, csv });
      const acceptable = report.problems.length === 0 && report.errorCount === 0 && report.okCount > 0;
      if (!context.output.json) printReport(context, report);
      if (!acceptable || options.dryRun) {
        context.output.result({ report, created: 0, postIds: [] }, () => context.output.line(acceptable ? 'Nothing scheduled (dry run).' : 'Nothing scheduled: fix the rows above and run the import again.'));
        // A file the server would refuse is the API refusing the input, for scripts too.
        if (!acceptable) context.exitCode = EXIT.refused;
        return;
      }
      const question = `Schedule ${report.okCount} post${report.okCount === 1 ? '' : 's'}?`;
      if (!options.yes && !(await confirm(context.stdin, context.stderr, question))) {
        context.output.result({ report, created: 0, postIds: [] }, () => context.output.line('Nothing scheduled.'));
        return;
      }
      const committed = await client.imports.commitCsv.mutate({ workspaceId, csv });
      context.output.result({ report, ...committed }, () => context.output.line(`Scheduled ${committed.created} posts.`));
    });
}

function printReport(context: CliContext, report: CsvReport): void {
  for (const problem of report.problems) context.output.line(`✗ ${problem}`);
  context.output.table(
    ['line', 'ok', 'when', 'account', 'text'],
    report.rows.map((row) => [
      String(row.line),
      row.ok ? '✓' : '✗',
      row.instant ? wallClock(row.instant, row.timezone) : (row.localDateTime ?? ''),
      row.account ? `@${row.account}` : '',
      row.textPreview,
    ]),
  );
  // Reasons in full, below the table, where they are not cut to a column's width.
  for (const row of report.rows) {
    for (const problem of row.problems) context.output.line(`line ${row.line}: ✗ ${problem}`);
    for (const warning of row.warnings) context.output.line(`line ${row.line}: ! ${warning}`);
  }
  context.output.line(`${report.okCount} ready, ${report.errorCount} with problems.`);
}
