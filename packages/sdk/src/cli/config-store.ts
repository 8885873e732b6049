import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { UsageError } from './usage-error.ts';

/** What `tweetflow login` remembers. */
export type StoredLogin = { url: string; token: string };

type Environment = Record<string, string | undefined>;

/**
 * The folder the CLI keeps its login in: TWEETFLOW_CONFIG_DIR, else
 * $XDG_CONFIG_HOME/tweetflow, else ~/.config/tweetflow.
 *
 * @example
 * configDirectory({ XDG_CONFIG_HOME: '/home/ada/.config' }); // '/home/ada/.config/tweetflow'
 */
export function configDirectory(env: Environment): string {
  if (env.TWEETFLOW_CONFIG_DIR) return env.TWEETFLOW_CONFIG_DIR;
  return path.join(env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'tweetflow');
}

/**
 * Saves the login readable by its owner only (0600): the token acts for its owner.
 *
 * @example
 * const file = await saveLogin(process.env, { url: 'http://localhost:3000', token: 'tfp_…' });
 */
export async function saveLogin(env: Environment, login: StoredLogin): Promise<string> {
  const directory = configDirectory(env);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const file = path.join(directory, 'config.json');
  await writeFile(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  // writeFile keeps the mode of a file that already existed.
  await chmod(file, 0o600);
  return file;
}

/**
 * The URL and token to use: TWEETFLOW_URL and TWEETFLOW_TOKEN win over the saved login,
 * each on its own (a script can point a saved token at another server).
 *
 * @example
 * const { url, token } = await resolveLogin(process.env);
 */
export async function resolveLogin(env: Environment): Promise<StoredLogin> {
  const saved = await readSavedLogin(env);
  const url = env.TWEETFLOW_URL || saved?.url;
  const token = env.TWEETFLOW_TOKEN || saved?.token;
  if (!url || !token) {
    throw new UsageError('Not logged in: run `tweetflow login --url <url> --token <tfp_…>`, or set TWEETFLOW_URL and TWEETFLOW_TOKEN.');
  }
  return { url, token };
}

async function readSavedLogin(env: Environment): Promise<Partial<StoredLogin> | null> {
  const file = path.join(configDirectory(env), 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as Partial<StoredLogin>;
  } catch {
    throw new UsageError(`${file} is not valid JSON; run \`tweetflow login\` again to rewrite it.`);
  }
}
