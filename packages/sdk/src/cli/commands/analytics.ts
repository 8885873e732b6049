import type { Command } from 'commander';
import type { RouterOutputs } from '../../types.ts';
import type { CliContext } from '../context.ts';
import { findAccount } from '../post-input.ts';
import { positiveInteger } from '../option-values.ts';
import { UsageError } from '../usage-error.ts';

type Figures = RouterOutputs['analytics']['overview']['current'];
const LOCAL_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function registerAnalytics(program: Command, context: CliContext): void {
  const analytics = program.command('analytics').description('how the posts performed');
  analytics
    .command('summary')
    .description('totals for a range of days against the period before, and per account')
    .option('--from <day>', 'first day, e.g. 2026-11-01 (default: --days ago)')
    .option('--to <day>', 'last day, included (default: today)')
    .option('--days <count>', 'length of the range when --from is not given', '28')
    .option('--account <account>', 'only this X account')
    .action(async (options: { from?: string; to?: string; days: string; account?: string }) => {
      const to = options.to ?? localDay(new Date());
      const from = options.from ?? localDay(new Date(Date.parse(`${to}T12:00:00Z`) - (positiveInteger('--days', options.days) - 1) * 86_400_000));
      for (const [option, day] of [['--from', from], ['--to', to]] as const) {
        if (!LOCAL_DAY.test(day)) throw new UsageError(`${option} "${day}" is not a day like 2026-11-01.`);
      }
      const client = await context.client();
      const workspaceId = await context.workspaceId();
      const accountIds = options.account ? [findAccount(await client.xAccounts.list.query({ workspaceId }), options.account).id] : undefined;
      const overview = await client.analytics.overview.query({ workspaceId, from, to, ...(accountIds ? { accountIds } : {}) });
      context.output.result(overview, () => {
        const { range } = overview;
        context.output.line(`${range.from} to ${range.to} (${range.timezone}), against ${range.previous.from} to ${range.previous.to}`);
        context.output.table(
          ['', 'this period', 'before', 'change'],
          [
            ['posts', count(overview.current.posts), count(overview.previous.posts), change(overview.change.posts)],
            ['impressions', count(overview.current.impressions), count(overview.previous.impressions), change(overview.change.impressions)],
            ['engagements', count(overview.current.engagements), count(overview.previous.engagements), change(overview.change.engagements)],
            ['engagement rate', rate(overview.current.engagementRate), rate(overview.previous.engagementRate), change(overview.change.engagementRate)],
            ['followers', count(overview.current.followers), count(overview.previous.followers), change(overview.change.followers)],
          ],
        );
        context.output.line('');
        context.output.table(
          ['account', 'posts', 'impressions', 'engagements', 'rate', 'followers', 'growth'],
          overview.accounts.map((account) => [`@${account.username}`, ...accountFigures(account)]),
        );
      });
    });
}

function accountFigures(figures: Figures): string[] {
  return [count(figures.posts), count(figures.impressions), count(figures.engagements), rate(figures.engagementRate), count(figures.followers), count(figures.followerGrowth)];
}

function count(value: number | null): string {
  return value === null ? '–' : value.toLocaleString('en-US');
}

function rate(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(2)} %`;
}

function change(value: number | null): string {
  return value === null ? '–' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(0)} %`;
}

/** The machine's calendar day; the server reads it in the workspace's zone. */
function localDay(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
