import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/** One AES-256 key and the id written in front of everything it encrypts. */
export type TokenKey = { id: string; key: Buffer };

/** Thrown when a stored token cannot be decrypted; the message never contains token material. */
export class TokenDecryptionError extends Error {
  override readonly name = 'TokenDecryptionError';
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]+$/;

/**
 * Encrypts X tokens for storage with AES-256-GCM. A ciphertext reads
 * `<keyId>:<base64(iv | tag | ciphertext)>`, so a key can be replaced without a flag day:
 * the first key encrypts, every key decrypts, and `reencryptXAccountTokens` moves old rows
 * to the first key.
 *
 * @example
 * const keyring = new TokenKeyring([{ id: 'k2', key: newKey }, { id: 'k1', key: oldKey }]);
 * const stored = keyring.encrypt(accessToken); // 'k2:…'
 * keyring.decrypt(stored) === accessToken; // true
 */
export class TokenKeyring {
  readonly currentKeyId: string;
  // Key objects, not Buffers: given a Buffer, every cipher first imports it as a key, five
  // times the work of the decryption itself (28 vs 5 µs on Node 24), once per post published.
  readonly #currentKey: KeyObject;
  readonly #keys: ReadonlyMap<string, KeyObject>;

  constructor(keys: readonly TokenKey[]) {
    const [current] = keys;
    if (!current) throw new Error('A token keyring needs at least one key.');
    for (const { id, key } of keys) {
      if (!KEY_ID.test(id)) throw new Error(`Token key id "${id}" may only contain letters, digits, "_" and "-".`);
      if (key.length !== KEY_BYTES) throw new Error(`Token key "${id}" must be ${KEY_BYTES} bytes, not ${key.length}.`);
    }
    const ids = keys.map(({ id }) => id);
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate) throw new Error(`Token key id "${duplicate}" is listed twice.`);
    this.currentKeyId = current.id;
    this.#keys = new Map(keys.map(({ id, key }) => [id, createSecretKey(key)]));
    this.#currentKey = this.#keys.get(current.id)!;
  }

  /** Every key id this keyring can decrypt, the current one first. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#currentKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${this.currentKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(ciphertext: string): string {
    const keyId = keyIdOf(ciphertext);
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new TokenDecryptionError(
        `A stored token was encrypted with key "${keyId}", which is not in TOKEN_ENCRYPTION_KEYS; add that key back (after the current one) to read it.`,
      );
    }
    const payload = Buffer.from(ciphertext.slice(keyId.length + 1), 'base64');
    if (payload.length < IV_BYTES + TAG_BYTES) {
      throw new TokenDecryptionError(`A stored token under key "${keyId}" is truncated.`);
    }
    const decipher = createDecipheriv(ALGORITHM, key, payload.subarray(0, IV_BYTES));
    decipher.setAuthTag(payload.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(payload.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenDecryptionError(
        `A stored token under key "${keyId}" failed its integrity check: it was altered, or key "${keyId}" is not the key it was written with.`,
      );
    }
  }

  /**
   * A 32-byte key for another purpose (e.g. signing download links), derived from the
   * current key with HKDF-SHA256, so the operator has one secret to keep, not several.
   * Rotating the current key changes it, which only invalidates short-lived signatures.
   *
   * @example
   * const signingKey = keyring.deriveKey('tweetflow export links');
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#currentKey, Buffer.alloc(0), purpose, KEY_BYTES));
  }

  /** Whether `ciphertext` is already under the current key (nothing to rotate). */
  isCurrent(ciphertext: string): boolean {
    return keyIdOf(ciphertext) === this.currentKeyId;
  }
}

/**
 * Parses `TOKEN_ENCRYPTION_KEYS` ("kid:base64key,kid2:base64key") into keys, first = current.
 *
 * @example
 * parseTokenKeys('k1:' + randomBytes(32).toString('base64'))[0].id; // 'k1'
 */
export function parseTokenKeys(spec: string): TokenKey[] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new Error('Each token key must read "keyId:base64key".');
      return { id: entry.slice(0, colon), key: Buffer.from(entry.slice(colon + 1), 'base64') };
    });
}

/**
 * A new random key in `TOKEN_ENCRYPTION_KEYS` form.
 *
 * @example
 * generateTokenKeySpec('k2'); // 'k2:3q2+7w…='
 */
export function generateTokenKeySpec(id: string): string {
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

function keyIdOf(ciphertext: string): string {
  const colon = ciphertext.indexOf(':');
  if (colon <= 0) throw new TokenDecryptionError('A stored token has no key id prefix; it was not written by TweetFlow.');
  return ciphertext.slice(0, colon);
}
