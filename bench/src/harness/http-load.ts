import { Worker } from 'node:worker_threads';

export type HttpRequestSpec = { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };

export type HttpLoad = {
  url: string;
  connections: number;
  /** Total requests; with `durationSeconds`, whichever ends first. */
  amount?: number;
  durationSeconds?: number;
  /**
   * Sends at this rate instead of as fast as answers come back (an open loop): request `i`
   * is due `i / ratePerSecond` seconds after the start and goes out on the first free
   * connection, and its latency counts from when it was due, so time spent waiting for a
   * free connection counts too (what wrk2 calls correcting for coordinated omission).
   * Give enough connections for the rate: a request waits while all are busy.
   */
  ratePerSecond?: number;
  /** Called per request, in order, for its path and body (a chunk ahead of sending). */
  nextRequest: () => HttpRequestSpec;
  /** Told a few times a second how many requests have gone out. */
  onSent?: (sent: number) => void;
};

export type HttpLoadResult = {
  /** Requests answered, whatever their status. */
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Requests that got no answer: the connection failed or stayed silent for 10 s. */
  errors: number;
  /** The first answer that was not 2xx (status and body), to say why. */
  firstRefusal: string | null;
};

/** What the sending thread is told to do (everything of `HttpLoad` but the callbacks). */
export type LoadOrder = Pick<HttpLoad, 'url' | 'connections' | 'amount' | 'durationSeconds' | 'ratePerSecond'>;

/** What the sending thread says: it wants more requests, how many have gone, or the result. */
export type ThreadMessage = { type: 'more' } | { type: 'sent'; sent: number } | { type: 'done'; result: HttpLoadResult };

/** Requests built per chunk handed to the sending thread. */
const CHUNK = 2_000;
const THREAD_BOOT = new URL('./thread-boot.mjs', import.meta.url);
const SENDER = new URL('./http-load-thread.ts', import.meta.url).href;

/**
 * Fires HTTP/1.1 requests from `connections` keep-alive connections, each sending its next
 * request when the last is answered (a closed loop, as autocannon does) or, with
 * `ratePerSecond`, when the next one is due (an open loop), and says how fast they were
 * answered. Latency is taken per request with `performance.now()`.
 *
 * A closed loop measures a server at capacity: its latency is the queue the connections
 * keep full (on average connections ÷ requests per second). An open loop below capacity
 * measures what a sender sees at that rate, as webhook senders send: each call on its own.
 *
 * The sending and timing happen in a worker thread (http-load-thread.ts); this thread only
 * builds the requests, a chunk ahead. Sent from the bench's own event loop, the answers of
 * a webhook burst waited behind the X sandbox answering the worker's posts and behind the
 * bench's garbage collections: that loop's delay p99 was 10.5 ms during the burst (3.2 ms
 * with the worker paused), and the slowest acks came in groups of all 20 connections at
 * once while the web server and PostgreSQL had nothing in hand (see docs/performance.md).
 *
 * Written on raw sockets rather than autocannon because the load generator shares the
 * machine's cores with what it measures: autocannon rebuilt each request through
 * `setupRequest` and parsed answers with a JavaScript HTTP parser, and its CPU was a
 * measurable share of a webhook run's.
 *
 * @example
 * const result = await loadHttp({ url, connections: 20, amount: 20_000, nextRequest: () => ({ method: 'POST', path, body }) });
 */
export async function loadHttp(load: HttpLoad): Promise<HttpLoadResult> {
  const hostHeader = new URL(load.url).host;
  let built = 0;
  const nextChunk = () => {
    const size = load.amount === undefined ? CHUNK : Math.min(CHUNK, load.amount - built);
    built += size;
    return Array.from({ length: size }, () => encodeRequest(hostHeader, load.nextRequest()));
  };
  const order: LoadOrder = { url: load.url, connections: load.connections, amount: load.amount, durationSeconds: load.durationSeconds, ratePerSecond: load.ratePerSecond };
  const sender = new Worker(THREAD_BOOT, { workerData: { module: SENDER, order } });
  sender.postMessage({ requests: nextChunk() });
  try {
    return await new Promise<HttpLoadResult>((resolve, reject) => {
      sender.on('message', (message: ThreadMessage) => {
        if (message.type === 'more') sender.postMessage({ requests: nextChunk() });
        else if (message.type === 'sent') load.onSent?.(message.sent);
        else resolve(message.result);
      });
      sender.once('error', reject);
      sender.once('exit', (code) => reject(new Error(`the load generator's thread stopped (exit code ${code}) before it was done`)));
    });
  } finally {
    await sender.terminate();
  }
}

/** The request's bytes as one string: head and body go out in a single write. */
function encodeRequest(hostHeader: string, request: HttpRequestSpec): string {
  let head = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${hostHeader}\r\n`;
  for (const [name, value] of Object.entries(request.headers ?? {})) head += `${name}: ${value}\r\n`;
  if (request.body === undefined) return `${head}\r\n`;
  return `${head}content-length: ${Buffer.byteLength(request.body)}\r\n\r\n${request.body}`;
}

