import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { HttpResponseReader, type HttpAnswer } from './http-response-reader';
import { percentile } from './stats';
import { sleep } from './wait';

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
  /** Called per request, in order, for its path and body. */
  nextRequest: () => HttpRequestSpec;
};

export type HttpLoadResult = {
  /** Requests answered, whatever their status. */
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Requests that got no answer: the connection failed or stayed silent for `ANSWER_TIMEOUT_MS`. */
  errors: number;
  /** The first answer that was not 2xx (status and body), to say why. */
  firstRefusal: string | null;
};

const ANSWER_TIMEOUT_MS = 10_000;

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
 * Written on raw sockets rather than autocannon because the load generator shares the
 * machine's cores with what it measures: autocannon rebuilt each request through
 * `setupRequest` and parsed answers with a JavaScript HTTP parser, and its CPU was a
 * measurable share of a webhook run's (see README, Performance).
 *
 * @example
 * const result = await loadHttp({ url, connections: 20, amount: 20_000, nextRequest: () => ({ method: 'POST', path, body }) });
 */
export async function loadHttp(load: HttpLoad): Promise<HttpLoadResult> {
  const target = new URL(load.url);
  const endpoint = { host: target.hostname, port: Number(target.port || 80), hostHeader: target.host };
  const latenciesMs: number[] = [];
  const tally = { issued: 0, errors: 0, non2xx: 0, firstRefusal: null as string | null };
  const began = performance.now();
  let lastAnswerAt = began;
  const stopAt = load.durationSeconds ? began + load.durationSeconds * 1000 : Number.POSITIVE_INFINITY;
  const mayStart = () => (load.amount === undefined || tally.issued < load.amount) && performance.now() < stopAt;

  const runConnection = async () => {
    let connection = await HttpConnection.open(endpoint);
    try {
      while (mayStart()) {
        const dueAt = load.ratePerSecond ? began + (tally.issued * 1000) / load.ratePerSecond : null;
        tally.issued++;
        if (dueAt !== null && dueAt > performance.now()) await sleep(dueAt - performance.now());
        const request = encodeRequest(endpoint.hostHeader, load.nextRequest());
        const sentAt = dueAt ?? performance.now();
        let answer: HttpAnswer;
        try {
          answer = await connection.send(request);
        } catch {
          tally.errors++;
          connection.close();
          connection = await HttpConnection.open(endpoint);
          continue;
        }
        lastAnswerAt = performance.now();
        latenciesMs.push(lastAnswerAt - sentAt);
        if (answer.body !== null) {
          tally.non2xx++;
          tally.firstRefusal ??= `${answer.status} ${answer.body.slice(0, 300)}`;
        }
        if (answer.closes) {
          connection.close();
          connection = await HttpConnection.open(endpoint);
        }
      }
    } finally {
      connection.close();
    }
  };
  await Promise.all(Array.from({ length: load.connections }, runConnection));
  const seconds = (lastAnswerAt - began) / 1000;
  return {
    requests: latenciesMs.length,
    requestsPerSecond: seconds > 0 ? latenciesMs.length / seconds : 0,
    p50Ms: percentile(latenciesMs, 0.5),
    p99Ms: percentile(latenciesMs, 0.99),
    non2xx: tally.non2xx,
    errors: tally.errors,
    firstRefusal: tally.firstRefusal,
  };
}

/** The request's bytes as one string: head and body go out in a single write. */
function encodeRequest(hostHeader: string, request: HttpRequestSpec): string {
  let head = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${hostHeader}\r\n`;
  for (const [name, value] of Object.entries(request.headers ?? {})) head += `${name}: ${value}\r\n`;
  if (request.body === undefined) return `${head}\r\n`;
  return `${head}content-length: ${Buffer.byteLength(request.body)}\r\n\r\n${request.body}`;
}

/** One keep-alive connection with at most one request in flight. */
class HttpConnection {
  private readonly reader = new HttpResponseReader();
  private waiting: { resolve: (answer: HttpAnswer) => void; reject: (error: Error) => void } | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => socket.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)));
    socket.on('data', (bytes: Buffer) => {
      try {
        for (const answer of this.reader.push(bytes)) this.settle((waiting) => waiting.resolve(answer));
      } catch (error) {
        socket.destroy(error as Error);
      }
    });
    socket.on('error', (error) => this.settle((waiting) => waiting.reject(error)));
    socket.on('close', () => this.settle((waiting) => waiting.reject(new Error('the server closed the connection'))));
  }

  static open(endpoint: { host: string; port: number }): Promise<HttpConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(endpoint.port, endpoint.host);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new HttpConnection(socket));
      });
    });
  }

  send(request: string): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private settle(action: (waiting: NonNullable<HttpConnection['waiting']>) => void): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) action(waiting);
  }
}
