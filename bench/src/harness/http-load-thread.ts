import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { HttpResponseReader, type HttpAnswer } from './http-response-reader';
import type { HttpLoadResult, LoadOrder, ThreadMessage } from './http-load';
import { percentile } from './stats';
import { sleep } from './wait';

// The sending side of `loadHttp` (http-load.ts), in a worker thread of its own: its event
// loop and heap are its own, so nothing else the bench process does (the X sandbox
// answering the worker, the bench's garbage collections) delays an answer being read.

const ANSWER_TIMEOUT_MS = 10_000;
/** Fewer requests than this in hand, and the thread asks for the next chunk. */
const LOW_WATER = 1_000;

const port = parentPort!;

/** The requests the bench builds (`nextRequest`), taken in order, asked for a chunk at a time. */
class RequestFeed {
  private chunks: string[][] = [];
  private at = 0;
  private inHand = 0;
  private asked = false;
  private ended = false;
  /** Connections waiting for the next chunk: every one of them is woken when it comes. */
  private readonly waiting: Array<() => void> = [];

  /** A chunk from the bench; an empty one says there are no more. */
  add(requests: string[]): void {
    if (requests.length === 0) this.ended = true;
    else this.chunks.push(requests);
    this.inHand += requests.length;
    this.asked = false;
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** The next request's bytes, or null when the bench has no more. */
  async next(): Promise<string | null> {
    for (;;) {
      if (this.inHand < LOW_WATER && !this.asked && !this.ended) {
        this.asked = true;
        port.postMessage({ type: 'more' } satisfies ThreadMessage);
      }
      const chunk = this.chunks[0];
      if (chunk) {
        const request = chunk[this.at++]!;
        this.inHand--;
        if (this.at === chunk.length) {
          this.chunks.shift();
          this.at = 0;
        }
        return request;
      }
      if (this.ended) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }
}

async function sendLoad(load: LoadOrder): Promise<HttpLoadResult> {
  const target = new URL(load.url);
  const endpoint = { host: target.hostname, port: Number(target.port || 80) };
  const latenciesMs: number[] = [];
  const tally = { issued: 0, errors: 0, non2xx: 0, firstRefusal: null as string | null };
  const began = performance.now();
  let lastAnswerAt = began;
  const stopAt = load.durationSeconds ? began + load.durationSeconds * 1000 : Number.POSITIVE_INFINITY;
  const mayStart = () => (load.amount === undefined || tally.issued < load.amount) && performance.now() < stopAt;
  const progress = setInterval(() => port.postMessage({ type: 'sent', sent: tally.issued } satisfies ThreadMessage), 250);

  const runConnection = async () => {
    let connection = await HttpConnection.open(endpoint);
    try {
      while (mayStart()) {
        const dueAt = load.ratePerSecond ? began + (tally.issued * 1000) / load.ratePerSecond : null;
        tally.issued++;
        const request = await feed.next();
        if (request === null) break;
        if (dueAt !== null && dueAt > performance.now()) await sleep(dueAt - performance.now());
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
  clearInterval(progress);
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

// Last, once the classes above exist.
const feed = new RequestFeed();
port.on('message', (message: { requests: string[] }) => feed.add(message.requests));
port.postMessage({ type: 'done', result: await sendLoad((workerData as { order: LoadOrder }).order) } satisfies ThreadMessage);
