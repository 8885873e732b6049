import { createHmac, timingSafeEqual } from 'node:crypto';

/** The HMAC key's purpose, so a signature made for exports means nothing elsewhere. */
export const EXPORT_LINK_PURPOSE = 'tweetflow data export links v1';

/**
 * A download path for a finished export, valid until `expiresAt`: the export id and the
 * expiry, signed with HMAC-SHA256 under a key only the server holds. Anyone with the link
 * can download until it expires, like a file-sharing link, so it is shown only to the
 * person who asked for the export.
 *
 * @example
 * signExportLink(key, exportId, expiresAt); // '/exports/0190…/download?expires=1767225600&signature=…'
 */
export function signExportLink(key: Buffer, exportId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `/exports/${exportId}/download?expires=${expires}&signature=${signature(key, exportId, expires)}`;
}

export type LinkCheck = { ok: true } | { ok: false; problem: 'invalid' | 'expired' };

/**
 * Whether a download link's signature is genuine and it has not expired.
 *
 * @example
 * const check = verifyExportLink(key, exportId, url.searchParams, clock.now());
 */
export function verifyExportLink(key: Buffer, exportId: string, params: URLSearchParams, now: Date): LinkCheck {
  const expires = Number(params.get('expires'));
  const given = Buffer.from(params.get('signature') ?? '', 'base64url');
  const expected = Buffer.from(signature(key, exportId, expires), 'base64url');
  if (!Number.isInteger(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, problem: 'invalid' };
  }
  if (expires * 1000 <= now.getTime()) return { ok: false, problem: 'expired' };
  return { ok: true };
}

function signature(key: Buffer, exportId: string, expires: number): string {
  return createHmac('sha256', key).update(`${exportId}.${expires}`).digest('base64url');
}
