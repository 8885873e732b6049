import type { Command } from 'commander';
import { createTweetFlowClient } from '../../client.ts';
import { saveLogin } from '../config-store.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../usage-error.ts';

export function registerLogin(program: Command, context: CliContext): void {
  program
    .command('login')
    .description('check an API token and remember it (with the URL) in your config folder, readable only by you')
    .requiredOption('--url <url>', 'where TweetFlow runs, e.g. http://localhost:3000')
    .requiredOption('--token <token>', 'a personal API token (tfp_…) from Settings → API tokens')
    .action(async (options: { url: string; token: string }) => {
      if (!/^https?:\/\//.test(options.url)) throw new UsageError(`--url "${options.url}" must start with http:// or https://.`);
      if (!options.token.startsWith('tfp_')) throw new UsageError('--token must be a personal API token, which starts with tfp_.');
      const login = { url: options.url.replace(/\/+$/, ''), token: options.token };
      // Save only a login that works: the token is checked against the server first.
      const [workspace] = await createTweetFlowClient(login).workspaces.list.query();
      const file = await saveLogin(context.env, login);
      context.output.result({ url: login.url, workspace: workspace ?? null, configFile: file }, () =>
        context.output.line(`Logged in to ${login.url}${workspace ? ` (workspace "${workspace.name}")` : ''}. Saved to ${file}.`),
      );
    });
}
