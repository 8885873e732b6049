import { Command } from 'commander';
import { registerAccounts } from './commands/accounts.ts';
import { registerAnalytics } from './commands/analytics.ts';
import { registerLogin } from './commands/login.ts';
import { registerPosts } from './commands/posts.ts';
import { registerRuns } from './commands/runs.ts';
import { registerWorkflows } from './commands/workflows.ts';
import type { CliContext } from './context.ts';
import { EXIT } from './exit-codes.ts';

const EXIT_CODES_HELP = `
Exit codes:
  ${EXIT.ok}  done
  ${EXIT.usage}  the command could not run as given (options, unreadable file, not logged in)
  ${EXIT.refused}  the API refused it (invalid input, no permission, revoked token, not found)
  ${EXIT.unavailable}  the server failed or could not be reached
  ${EXIT.failed}  the post or run being watched failed

Environment: TWEETFLOW_URL and TWEETFLOW_TOKEN override the saved login;
TWEETFLOW_CONFIG_DIR moves the config folder (default $XDG_CONFIG_HOME/tweetflow or ~/.config/tweetflow).`;

/**
 * The `tweetflow` command line. Commander never exits the process here: errors come back
 * to `runCli`, which prints them and picks the exit code.
 *
 * @example
 * await buildProgram(context, streams).parseAsync(['posts', 'list', '--json'], { from: 'user' });
 */
export function buildProgram(context: CliContext, streams: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream }): Command {
  const program = new Command('tweetflow')
    .description('Schedule posts and run workflows on TweetFlow from the command line.')
    .option('--json', 'print one JSON document on stdout (for scripts) instead of tables')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
    .configureOutput({ writeOut: (text) => streams.stdout.write(text), writeErr: (text) => streams.stderr.write(text) });
  registerLogin(program, context);
  registerAccounts(program, context);
  registerPosts(program, context);
  registerWorkflows(program, context);
  registerRuns(program, context);
  registerAnalytics(program, context);
  // Commander stops at the first error of any subcommand instead of exiting the process.
  const exitOverride = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}
