/** One HTTP/1.1 response as the load generator needs it: its status, and its body only when it was refused. */
export type HttpAnswer = { status: number; body: string | null; closes: boolean };

const HEAD_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');

/**
 * Reads HTTP/1.1 responses off one keep-alive connection as bytes arrive: a head, then a
 * body framed by `content-length` or chunked. Only what a benchmark needs is parsed — the
 * status, the framing and `connection: close` — so the measuring client costs the shared
 * cores as little as possible. A body is decoded only for a status outside 2xx, to say why.
 *
 * @example
 * const reader = new HttpResponseReader();
 * socket.on('data', (bytes) => { for (const answer of reader.push(bytes)) settle(answer); });
 */
export class HttpResponseReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Takes the next bytes; returns every response they complete, in order. */
  push(bytes: Buffer): HttpAnswer[] {
    this.pending = this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
    const answers: HttpAnswer[] = [];
    for (;;) {
      const read = readResponse(this.pending);
      if (!read) return answers;
      answers.push(read.answer);
      this.pending = this.pending.subarray(read.end);
    }
  }
}

function readResponse(bytes: Buffer): { answer: HttpAnswer; end: number } | null {
  const headEnd = bytes.indexOf(HEAD_END);
  if (headEnd < 0) return null;
  const head = bytes.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  if (!head.startsWith('HTTP/1.') || !Number.isInteger(status)) throw new Error(`not an HTTP/1.1 response: ${JSON.stringify(head.slice(0, 40))}`);
  const headers = head.toLowerCase();
  const bodyStart = headEnd + HEAD_END.length;
  const closes = headerValue(headers, 'connection') === 'close';
  const body =
    headerValue(headers, 'transfer-encoding')?.includes('chunked') === true
      ? chunkedBody(bytes, bodyStart)
      : sizedBody(bytes, bodyStart, status === 204 || status === 304 ? 0 : Number(headerValue(headers, 'content-length') ?? 0));
  if (!body) return null;
  const refused = status < 200 || status > 299;
  return { answer: { status, body: refused ? body.text() : null, closes }, end: body.end };
}

/** A header's value in the lower-cased head, or undefined: a search, not a parse, since only the framing headers matter. */
function headerValue(lowerHead: string, name: string): string | undefined {
  const start = lowerHead.indexOf(`\r\n${name}:`);
  if (start < 0) return undefined;
  const valueStart = start + name.length + 3;
  const end = lowerHead.indexOf('\r\n', valueStart);
  return lowerHead.slice(valueStart, end < 0 ? undefined : end).trim();
}

function sizedBody(bytes: Buffer, start: number, length: number) {
  if (!Number.isInteger(length) || length < 0) throw new Error('a response with an unreadable content-length');
  const end = start + length;
  return bytes.length < end ? null : { end, text: () => bytes.toString('utf8', start, end) };
}

function chunkedBody(bytes: Buffer, start: number) {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = bytes.indexOf(LINE_END, at);
    if (lineEnd < 0) return null;
    const size = Number.parseInt(bytes.toString('latin1', at, lineEnd), 16);
    if (!Number.isInteger(size) || size < 0) throw new Error('a chunked response with an unreadable chunk size');
    const dataStart = lineEnd + LINE_END.length;
    if (size === 0) {
      // No trailers are sent to the bench: the last chunk ends with one empty line.
      const end = dataStart + LINE_END.length;
      return bytes.length < end ? null : { end, text: () => Buffer.concat(parts).toString('utf8') };
    }
    const dataEnd = dataStart + size;
    if (bytes.length < dataEnd + LINE_END.length) return null;
    parts.push(bytes.subarray(dataStart, dataEnd));
    at = dataEnd + LINE_END.length;
  }
}
