import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error.ts';

/**
 * A text file named on the command line, or a usage error saying why it cannot be read.
 *
 * @example
 * const csv = await readInputFile('posts.csv');
 */
export async function readInputFile(file: string, label = file): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read ${label}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`, { cause: error });
  }
}
