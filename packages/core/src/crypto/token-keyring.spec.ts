import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateTokenKeySpec, parseTokenKeys, TokenDecryptionError, TokenKeyring } from './token-keyring';

const keyA = { id: 'a', key: randomBytes(32) };
const keyB = { id: 'b', key: randomBytes(32) };
const token = 'access-token-plaintext-123';

describe('TokenKeyring', () => {
  it('round-trips a token and prefixes the current key id', () => {
    const keyring = new TokenKeyring([keyA]);
    const stored = keyring.encrypt(token);
    expect(stored.startsWith('a:')).toBe(true);
    expect(stored).not.toContain(token);
    expect(keyring.decrypt(stored)).toBe(token);
  });

  it('uses a fresh IV each time, so equal tokens do not give equal ciphertexts', () => {
    const keyring = new TokenKeyring([keyA]);
    expect(keyring.encrypt(token)).not.toBe(keyring.encrypt(token));
  });

  it('refuses a tampered ciphertext', () => {
    const keyring = new TokenKeyring([keyA]);
    const payload = Buffer.from(keyring.encrypt(token).slice(2), 'base64');
    payload[payload.length - 1] = (payload[payload.length - 1] ?? 0) ^ 0x01;
    expect(() => keyring.decrypt(`a:${payload.toString('base64')}`)).toThrow(TokenDecryptionError);
  });

  it('names an unknown key id and never the plaintext', () => {
    const stored = new TokenKeyring([keyB]).encrypt(token);
    const error = catchError(() => new TokenKeyring([keyA]).decrypt(stored));
    expect(error).toBeInstanceOf(TokenDecryptionError);
    expect(error.message).toContain('"b"');
    expect(error.message).not.toContain(token);
  });

  it('after a new key is put first, encrypts with it and still decrypts the old ciphertexts', () => {
    const before = new TokenKeyring([keyA]).encrypt(token);
    const rotated = new TokenKeyring([keyB, keyA]);
    expect(rotated.decrypt(before)).toBe(token);
    expect(rotated.isCurrent(before)).toBe(false);
    expect(rotated.encrypt(token).startsWith('b:')).toBe(true);
  });

  it('rejects keys of the wrong size and duplicate ids', () => {
    expect(() => new TokenKeyring([{ id: 'short', key: randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() => new TokenKeyring([keyA, { ...keyB, id: 'a' }])).toThrow(/twice/);
  });
});

describe('parseTokenKeys', () => {
  it('reads the TOKEN_ENCRYPTION_KEYS format, first key first', () => {
    const spec = `${generateTokenKeySpec('k2')},${generateTokenKeySpec('k1')}`;
    const keys = parseTokenKeys(spec);
    expect(keys.map(({ id }) => id)).toEqual(['k2', 'k1']);
    expect(new TokenKeyring(keys).currentKeyId).toBe('k2');
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
