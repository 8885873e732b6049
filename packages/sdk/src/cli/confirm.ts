import { createInterface } from 'node:readline/promises';
import { UsageError } from './usage-error.ts';

/**
 * Asks a yes/no question on the terminal; answers no unless the person types y or yes.
 * Without a terminal to ask on, it is a usage error telling scripts to pass `--yes`.
 *
 * @example
 * if (!(await confirm(process.stdin, process.stderr, 'Schedule 12 posts?'))) return;
 */
export async function confirm(input: NodeJS.ReadStream, output: NodeJS.WriteStream, question: string): Promise<boolean> {
  if (!input.isTTY) throw new UsageError(`${question} There is no terminal to ask on: pass --yes to go ahead.`);
  const prompt = createInterface({ input, output });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}
