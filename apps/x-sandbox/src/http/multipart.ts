/** One part of a multipart/form-data body. */
export type MultipartPart = { name: string; filename?: string; contentType?: string; data: Buffer };

/**
 * Splits a multipart/form-data body into its parts, keeping file bytes as Buffers.
 * Written by hand because the WHATWG `formData()` parser turns a part without a
 * filename into text, and twitter-api-v2 sends its `media` chunk exactly like that.
 *
 * @example
 * const parts = parseMultipart(body, 'multipart/form-data; boundary=abc');
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return [];
  const delimiter = Buffer.from(`--${marker}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    const part = parsePart(body.subarray(afterDelimiter + 2, next - 2));
    if (part) parts.push(part);
    start = next;
  }
  return parts;
}

function parsePart(chunk: Buffer): MultipartPart | undefined {
  const headerEnd = chunk.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const headers = chunk.subarray(0, headerEnd).toString('utf8');
  const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return undefined;
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  const contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim();
  return {
    name,
    data: chunk.subarray(headerEnd + 4),
    ...(filename !== undefined ? { filename } : {}),
    ...(contentType ? { contentType } : {}),
  };
}
