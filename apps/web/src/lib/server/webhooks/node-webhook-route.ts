import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookAnswer, WebhookCall } from './webhook-answer.ts';

/** A handler Node's HTTP server offers each request first; `false` means "not mine". */
export type NodeRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

const HOOK_PATH = /^\/hooks\/([^/?#]+)(?:\?.*)?$/;

/**
 * The webhook endpoint served straight from Node's HTTP server, before SvelteKit: a
 * webhook call needs none of its routing, session or page machinery, and going through
 * them (a web `Request` with a body stream in, a `Response` out) was a third of the web
 * server's CPU per call in the workflows benchmark (0.94 → 0.63 ms without).
 * Calls it does not take (another method, another path) go on to SvelteKit, whose
 * `/hooks/[token]` endpoint answers the same way. Taken here too: calls sent as forms,
 * which SvelteKit's cross-site form check refused (a webhook carries no cookie to protect).
 *
 * @example
 * const route = nodeWebhookRoute({ answer: (call) => answerWebhookCall(runtime, call), headers: {}, maxBodyBytes, onError });
 * http.createServer((request, response) => route(request, response) || handler(request, response));
 */
export function nodeWebhookRoute(options: {
  answer: (call: WebhookCall) => Promise<WebhookAnswer>;
  /** Headers every answer carries (the security headers SvelteKit's responses get). */
  headers: Readonly<Record<string, string>>;
  maxBodyBytes: number;
  onError: (error: unknown) => void;
}): NodeRoute {
  return (request, response) => {
    if (request.method !== 'POST') return false;
    const token = tokenOf(request.url ?? '');
    if (token === undefined) return false;
    const send = ({ status, body }: WebhookAnswer) => {
      const text = JSON.stringify(body);
      response.writeHead(status, { ...options.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    readBody(request, options.maxBodyBytes)
      .then((rawBody) => {
        if (rawBody === undefined) response.setHeader('connection', 'close');
        return options.answer({ token, rawBody, headers: headersOf(request) });
      })
      .then(send, (error: unknown) => {
        // The caller went away mid-body, or answering itself failed: nothing to lose, say so if anyone listens.
        options.onError(error);
        if (!response.headersSent) send({ status: 500, body: { error: { message: 'Something went wrong on our side. Please try again.' } } });
      });
    return true;
  };
}

function tokenOf(url: string): string | undefined {
  const match = HOOK_PATH.exec(url);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    // Not valid percent-encoding: no token looks like that, so it is answered as an unknown one.
    return match[1]!;
  }
}

/**
 * The body as UTF-8 text, or `undefined` once it is known to be larger than `maxBytes`;
 * the rest of such a body is let go (the answer closes the connection). Rejects when the
 * caller goes away before the body ends.
 */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      request.off('data', onData);
      resolve(undefined);
    };
    let ended = false;
    request.on('data', onData);
    request.once('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    });
    request.once('error', reject);
    // 'close' follows 'end' on every call; an Error (and its stack) only for one cut short.
    request.once('close', () => ended || reject(new Error('the caller closed the connection before the body ended')));
  });
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
