import { randomBytes } from 'node:crypto';

/**
 * A deterministic number in [0, 1) from a seed and a key (FNV-1a, then a mix), so the
 * same seed and post id always give the same metrics curve.
 *
 * @example
 * seededFraction(42, 'post:1') === seededFraction(42, 'post:1'); // true
 */
export function seededFraction(seed: number, key: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) / 2 ** 32;
}

/**
 * A sequence of deterministic fractions, for decisions like "fail 30 % of requests".
 *
 * @example
 * const next = seededSequence(7); next(); next();
 */
export function seededSequence(seed: number): () => number {
  let counter = 0;
  return () => seededFraction(seed, `sequence:${counter++}`);
}

/** An unguessable token for OAuth codes and tokens. */
export function opaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
