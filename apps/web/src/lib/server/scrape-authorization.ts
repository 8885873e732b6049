import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a `/metrics` request may read: always without a configured token, else only with
 * `Authorization: Bearer <token>`, compared in constant time so the token cannot be guessed
 * byte by byte from response times.
 *
 * @example
 * mayScrape('Bearer s3cret', 's3cret'); // true
 * mayScrape(null, undefined); // true: no token configured
 */
export function mayScrape(authorization: string | null, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
