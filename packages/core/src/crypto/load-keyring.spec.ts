import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_KEY_FILE, loadKeyring } from './load-keyring';
import { generateTokenKeySpec } from './token-keyring';

function freshDataDir(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'tweetflow-keys-')), 'data');
}

describe('loadKeyring', () => {
  it('uses TOKEN_ENCRYPTION_KEYS when set', () => {
    const keyring = loadKeyring({
      TOKEN_ENCRYPTION_KEYS: `${generateTokenKeySpec('k9')},${generateTokenKeySpec('k8')}`,
      dataDir: freshDataDir(),
      isProduction: true,
    });
    expect(keyring.keyIds).toEqual(['k9', 'k8']);
  });

  it('in development generates a key file readable only by its owner, and reuses it', () => {
    const dataDir = freshDataDir();
    const first = loadKeyring({ TOKEN_ENCRYPTION_KEYS: undefined, dataDir, isProduction: false });
    const file = path.join(dataDir, DEV_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = readFileSync(file, 'utf8');

    const second = loadKeyring({ TOKEN_ENCRYPTION_KEYS: undefined, dataDir, isProduction: false });
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(second.decrypt(first.encrypt('secret'))).toBe('secret');
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  it('in production refuses to start without a configured key', () => {
    expect(() => loadKeyring({ TOKEN_ENCRYPTION_KEYS: undefined, dataDir: freshDataDir(), isProduction: true })).toThrow(
      /TOKEN_ENCRYPTION_KEYS is not set/,
    );
  });
});
