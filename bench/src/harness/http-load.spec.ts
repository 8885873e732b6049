import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHttp } from './http-load';
import { HttpResponseReader } from './http-response-reader';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A real HTTP server on a free port; `answer` gets each request with its body read. */
async function serve(answer: (request: IncomingMessage, body: string, response: ServerResponse) => void): Promise<string> {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => answer(request, body, response));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A server answering "ok" from a process of its own, so blocking this thread blocks only the bench side. */
async function serveFromAnotherProcess(): Promise<{ url: string; stop: () => void }> {
  const server = spawn(process.execPath, ['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log(this.address().port); })"]);
  const port = await new Promise<string>((resolve) => server.stdout.once('data', (bytes: Buffer) => resolve(bytes.toString().trim())));
  return { url: `http://127.0.0.1:${port}`, stop: () => server.kill() };
}

describe('loadHttp', () => {
  it('sends each request as built, in order, and counts every answer', async () => {
    const received: string[] = [];
    const url = await serve((request, body, response) => {
      received.push(`${request.method} ${request.url} ${request.headers['content-type']} ${body}`);
      response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
    });
    let next = 0;
    const result = await loadHttp({
      url,
      connections: 3,
      amount: 50,
      nextRequest: () => {
        const call = next++;
        return { method: 'POST', path: `/hooks/${call}`, body: JSON.stringify({ text: `call ${call} ✓` }), headers: { 'content-type': 'application/json' } };
      },
    });
    expect(result).toMatchObject({ requests: 50, non2xx: 0, errors: 0, firstRefusal: null });
    expect(received.toSorted()).toEqual(Array.from({ length: 50 }, (_, call) => `POST /hooks/${call} application/json {"text":"call ${call} ✓"}`).toSorted());
    expect(result.p50Ms).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
  });

  it('at a rate, sends no request before it is due, and counts a wait for a busy connection in its latency', async () => {
    const arrivals: number[] = [];
    const url = await serve((request, _body, response) => {
      arrivals.push(performance.now());
      // The first answer is held for 200 ms: with one connection, the requests due meanwhile wait.
      const hold = request.url === '/0' ? 200 : 0;
      setTimeout(() => response.writeHead(204).end(), hold);
    });
    let next = 0;
    const began = performance.now();
    const result = await loadHttp({ url, connections: 1, amount: 20, ratePerSecond: 100, nextRequest: () => ({ method: 'GET', path: `/${next++}` }) });

    expect(result).toMatchObject({ requests: 20, non2xx: 0, errors: 0 });
    // Request i is due i × 10 ms after the start (a millisecond's leeway for the clock's rounding).
    arrivals.forEach((arrivedAt, index) => expect(arrivedAt - began).toBeGreaterThanOrEqual(index * 10 - 1));
    // Requests 1 to 19 were due within the held 200 ms; counted from when they were due, most
    // waited for the connection far longer than their own 0 ms answer.
    expect(result.p50Ms).toBeGreaterThanOrEqual(50);
  });

  it('reads chunked answers and reports the first refusal with its body', async () => {
    let call = 0;
    const url = await serve((_request, _body, response) => {
      const status = call++ === 3 ? 409 : 200;
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.write('part one, ');
      response.end(status === 409 ? 'then a conflict' : 'then fine');
    });
    const result = await loadHttp({ url, connections: 1, amount: 8, nextRequest: () => ({ method: 'GET', path: '/' }) });
    expect(result).toMatchObject({ requests: 8, non2xx: 1, errors: 0, firstRefusal: '409 part one, then a conflict' });
  });

  it('opens a new connection when the server closes one, and counts a request cut off as an error', async () => {
    let call = 0;
    const url = await serve((_request, _body, response) => {
      call++;
      if (call === 5) return response.socket?.destroy();
      response.writeHead(200, call % 2 === 0 ? { connection: 'close' } : {}).end('ok');
    });
    const result = await loadHttp({ url, connections: 2, amount: 12, nextRequest: () => ({ method: 'GET', path: '/' }) });
    expect(result).toMatchObject({ requests: 11, errors: 1, non2xx: 0 });
  });

  it("times answers in a thread of its own, so a busy bench thread does not show in them", async () => {
    const { url, stop } = await serveFromAnotherProcess();
    try {
      // 100 requests due 5 ms apart; this thread is then held busy for 250 ms while they are due.
      const load = loadHttp({ url, connections: 2, amount: 100, ratePerSecond: 200, nextRequest: () => ({ method: 'GET', path: '/' }) });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const busyUntil = performance.now() + 250;
      while (performance.now() < busyUntil);
      const result = await load;
      expect(result).toMatchObject({ requests: 100, non2xx: 0, errors: 0 });
      // Sent from this thread, the ≈ 50 requests due while it was held each counted the hold (up to 250 ms).
      expect(result.p99Ms).toBeLessThan(100);
    } finally {
      stop();
    }
  });

  it('keeps every connection sending when they run out of requests while the bench thread is busy', async () => {
    const { url, stop } = await serveFromAnotherProcess();
    try {
      let built = 0;
      // The thread gets 2,000 requests at first and asks for the rest while this thread is held
      // busy, so all 8 connections wait for the same chunk; each must be woken when it comes.
      const load = loadHttp({ url, connections: 8, amount: 3_000, nextRequest: () => ({ method: 'GET', path: `/${built++}` }) });
      const busyUntil = performance.now() + 1_500;
      while (performance.now() < busyUntil);
      const result = await load;
      expect(result).toMatchObject({ requests: 3_000, non2xx: 0, errors: 0 });
      expect(built).toBe(3_000);
    } finally {
      stop();
    }
  });

  it('stops sending when the duration is up, however many were asked for', async () => {
    const url = await serve((_request, _body, response) => void setTimeout(() => response.end('slow'), 20));
    const began = Date.now();
    const result = await loadHttp({ url, connections: 2, amount: 1_000_000, durationSeconds: 0.3, nextRequest: () => ({ method: 'GET', path: '/' }) });
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.requests).toBeLessThan(1_000);
  });
});

describe('HttpResponseReader', () => {
  const responses = [
    'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello',
    'HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nnot \r\n5\r\nfound\r\n0\r\n\r\n',
    'HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n',
  ].join('');

  it('reads responses however the bytes are split', () => {
    for (const size of [1, 2, 7, responses.length]) {
      const reader = new HttpResponseReader();
      const bytes = Buffer.from(responses);
      const answers = [];
      for (let at = 0; at < bytes.length; at += size) answers.push(...reader.push(bytes.subarray(at, at + size)));
      expect(answers, `split every ${size} bytes`).toEqual([
        { status: 200, body: null, closes: false },
        { status: 404, body: 'not found', closes: false },
        { status: 204, body: null, closes: true },
      ]);
    }
  });

  it('refuses bytes that are not an HTTP response', () => {
    expect(() => new HttpResponseReader().push(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow(/not an HTTP\/1.1 response/);
  });
});
