import { CommanderError } from 'commander';
import { TweetFlowError } from '../errors.ts';
import { CliContext, type CliEnvironment } from './context.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { Output } from './output.ts';
import { buildProgram } from './program.ts';

export type CliIo = { env: CliEnvironment; stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream };

/**
 * Runs one `tweetflow` command line and answers its exit code (see `EXIT`). Failures are
 * printed as a sentence (or, with --json, a JSON `{ error }` on stderr), never a stack.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
 */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  // Known before parsing, so even a parse error is reported in the form asked for.
  const output = new Output(args.includes('--json'), io);
  const context = new CliContext({ output, env: io.env, stdin: io.stdin, stderr: io.stderr });
  const program = buildProgram(context, io);
  try {
    await program.parseAsync(args, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    // Commander has printed its own message (usage errors) or the help (exit code 0).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof TweetFlowError) {
      output.error({ message: error.message, code: error.code, httpStatus: error.httpStatus, issues: error.issues, retryAt: error.retryAt });
    } else {
      output.error({ message: (error as Error).message ?? String(error) });
    }
    return exitCodeFor(error);
  }
}
