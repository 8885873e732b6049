import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

export function registerAccounts(program: Command, context: CliContext): void {
  const accounts = program.command('accounts').description('X accounts connected to the workspace');
  accounts
    .command('list')
    .description('list connected X accounts with their health')
    .action(async () => {
      const client = await context.client();
      const list = await client.xAccounts.list.query({ workspaceId: await context.workspaceId() });
      context.output.result(list, () =>
        context.output.table(
          ['account', 'name', 'status', 'zone', 'id'],
          list.map((account) => [`@${account.username}`, account.displayName, account.statusReason ? `${account.status}: ${account.statusReason}` : account.status, account.timezone, account.id]),
        ),
      );
    });
}
