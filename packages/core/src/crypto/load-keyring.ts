import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '@tweetflow/config';
import { generateTokenKeySpec, parseTokenKeys, TokenKeyring } from './token-keyring';

/** Where a development install keeps its generated key, inside the data directory. */
export const DEV_KEY_FILE = 'token-keys.json';

type DevKeyFile = { TOKEN_ENCRYPTION_KEYS: string };

/**
 * The keyring for X tokens: from `TOKEN_ENCRYPTION_KEYS` when set. Without it (development
 * and tests only) a key is generated once into `<dataDir>/token-keys.json`, readable only by
 * its owner, and reused on later starts so stored tokens stay readable. In production a
 * missing key stops start-up: a generated key would silently live on one machine's disk.
 *
 * @example
 * const keyring = loadKeyring(loadConfig());
 * const stored = keyring.encrypt(tokens.accessToken);
 */
export function loadKeyring(config: Pick<Config, 'TOKEN_ENCRYPTION_KEYS' | 'dataDir' | 'isProduction'>): TokenKeyring {
  if (config.TOKEN_ENCRYPTION_KEYS) return new TokenKeyring(parseTokenKeys(config.TOKEN_ENCRYPTION_KEYS));
  if (config.isProduction) {
    throw new Error(
      'TOKEN_ENCRYPTION_KEYS is not set. In production X tokens must be encrypted with a key you keep: set it to "k1:" followed by `openssl rand -base64 32`.',
    );
  }
  return new TokenKeyring(parseTokenKeys(readOrCreateDevKeys(path.join(config.dataDir, DEV_KEY_FILE))));
}

function readOrCreateDevKeys(file: string): string {
  try {
    return readDevKeys(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const contents: DevKeyFile = { TOKEN_ENCRYPTION_KEYS: generateTokenKeySpec(`dev-${randomBytes(3).toString('hex')}`) };
  try {
    // 'wx' fails if another process created the file first; then its key is the one to use.
    writeFileSync(file, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readDevKeys(file);
  }
  return contents.TOKEN_ENCRYPTION_KEYS;
}

function readDevKeys(file: string): string {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevKeyFile>;
  if (typeof parsed.TOKEN_ENCRYPTION_KEYS !== 'string') {
    throw new Error(`${file} has no TOKEN_ENCRYPTION_KEYS entry; delete it to generate a new development key.`);
  }
  return parsed.TOKEN_ENCRYPTION_KEYS;
}
