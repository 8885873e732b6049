import type { IncomingMessage } from 'node:http';
import { parseMultipart, type MultipartPart } from './multipart';

/** A request body, parsed by its content type. */
export type RequestBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: Record<string, string> }
  | { kind: 'multipart'; fields: Record<string, string>; files: Record<string, MultipartPart> }
  | { kind: 'invalid'; reason: string };

/** Larger than X's 5 MB chunk limit and 15 MB one-shot GIF limit, so those checks are X's, not ours. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Thrown when a body is larger than `MAX_BODY_BYTES`. */
export class BodyTooLargeError extends Error {}

/**
 * Reads and parses a request body: JSON, urlencoded form, or multipart.
 *
 * @example
 * const body = await readBody(request);
 * if (body.kind === 'json') use(body.value);
 */
export async function readBody(request: IncomingMessage): Promise<RequestBody> {
  const raw = await readRaw(request);
  if (raw.length === 0) return { kind: 'none' };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.includes('multipart/form-data')) return multipartBody(parseMultipart(raw, contentType));
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return { kind: 'form', fields: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
  }
  try {
    return { kind: 'json', value: JSON.parse(raw.toString('utf8')) };
  } catch {
    return { kind: 'invalid', reason: 'The request body is not valid JSON.' };
  }
}

/**
 * The body as a flat record of string fields (JSON objects, forms and multipart alike),
 * for endpoints like the OAuth token endpoint that accept several encodings.
 *
 * @example
 * const { grant_type } = bodyFields(body);
 */
export function bodyFields(body: RequestBody): Record<string, unknown> {
  if (body.kind === 'json') return isRecord(body.value) ? body.value : {};
  if (body.kind === 'form' || body.kind === 'multipart') return body.fields;
  return {};
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function multipartBody(parts: MultipartPart[]): RequestBody {
  const fields: Record<string, string> = {};
  const files: Record<string, MultipartPart> = {};
  for (const part of parts) {
    // A part with a content type or filename carries bytes; anything else is a text field.
    if (part.filename !== undefined || (part.contentType && !part.contentType.startsWith('text/plain'))) {
      files[part.name] = part;
    } else {
      fields[part.name] = part.data.toString('utf8');
    }
  }
  return { kind: 'multipart', fields, files };
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
