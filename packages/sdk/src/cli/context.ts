import { createTweetFlowClient, type TweetFlowClient } from '../client.ts';
import { EXIT } from './exit-codes.ts';
import { resolveLogin, type StoredLogin } from './config-store.ts';
import type { Output } from './output.ts';
import { UsageError } from './usage-error.ts';

export type CliEnvironment = Record<string, string | undefined>;

/**
 * What every command needs: where to print, and (lazily, so `login` and `--help` work
 * without one) the login, a client and the token's workspace.
 *
 * @example
 * const client = await context.client();
 * const accounts = await client.xAccounts.list.query({ workspaceId: await context.workspaceId() });
 */
export class CliContext {
  readonly output: Output;
  readonly env: CliEnvironment;
  readonly stdin: NodeJS.ReadStream;
  readonly stderr: NodeJS.WriteStream;
  /** Set by a command whose result is printed but is not a success (a watched post failed). */
  exitCode: number = EXIT.ok;
  #login: Promise<StoredLogin> | undefined;
  #client: Promise<TweetFlowClient> | undefined;
  #workspaceId: Promise<string> | undefined;

  constructor(options: { output: Output; env: CliEnvironment; stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream }) {
    this.output = options.output;
    this.env = options.env;
    this.stdin = options.stdin;
    this.stderr = options.stderr;
  }

  login(): Promise<StoredLogin> {
    this.#login ??= resolveLogin(this.env);
    return this.#login;
  }

  client(): Promise<TweetFlowClient> {
    this.#client ??= this.login().then(createTweetFlowClient);
    return this.#client;
  }

  /** An API token is made for one workspace, and `workspaces.list` shows a token only that one. */
  workspaceId(): Promise<string> {
    this.#workspaceId ??= this.client().then(async (client) => {
      const [workspace, ...others] = await client.workspaces.list.query();
      if (!workspace) throw new UsageError('This token reaches no workspace; create a token in Settings → API tokens of the workspace.');
      if (others.length > 0) throw new UsageError('The CLI needs an API token (tfp_…), which belongs to one workspace.');
      return workspace.id;
    });
    return this.#workspaceId;
  }
}
