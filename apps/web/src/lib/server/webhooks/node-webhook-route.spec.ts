import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeWebhookRoute } from './node-webhook-route.ts';
import type { WebhookCall } from './webhook-answer.ts';

const MAX_BODY_BYTES = 64;

/** A real HTTP server whose webhook route records the calls it answers; other requests reach a stand-in for SvelteKit. */
async function serve(answer: (call: WebhookCall) => Promise<{ status: number; body: unknown }>) {
  const calls: WebhookCall[] = [];
  const passedOn: string[] = [];
  const errors: unknown[] = [];
  const route = nodeWebhookRoute({
    answer: (call) => {
      calls.push(call);
      return answer(call);
    },
    headers: { 'x-content-type-options': 'nosniff' },
    maxBodyBytes: MAX_BODY_BYTES,
    onError: (error) => errors.push(error),
  });
  const server = http.createServer((request, response) => {
    if (route(request, response)) return;
    passedOn.push(`${request.method} ${request.url}`);
    response.writeHead(404).end('from SvelteKit');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, calls, passedOn, errors };
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const accepted = async () => ({ status: 202, body: { runId: 'run-1', status: 'running' } });

describe('nodeWebhookRoute', () => {
  it('answers a POST to /hooks/<token> with the answer as JSON and the shared headers', async () => {
    const { base, calls, passedOn } = await serve(accepted);
    const response = await fetch(`${base}/hooks/tok%2Den?source=ci`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-delivery': 'd-7' },
      body: JSON.stringify({ text: 'héllo' }),
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.json()).toEqual({ runId: 'run-1', status: 'running' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ token: 'tok-en', rawBody: '{"text":"héllo"}' });
    expect(calls[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'x-delivery': 'd-7' });
    expect(passedOn).toEqual([]);
  });

  it('passes on other methods and other paths, and answers a token that is not valid URL encoding as it came', async () => {
    const { base, calls, passedOn } = await serve(accepted);
    const statuses = await Promise.all([
      fetch(`${base}/hooks/abc`).then((response) => response.status),
      fetch(`${base}/hooks/abc/more`, { method: 'POST', body: '{}' }).then((response) => response.status),
      fetch(`${base}/hooksabc`, { method: 'POST', body: '{}' }).then((response) => response.status),
      fetch(`${base}/hooks/%E0%A4%A`, { method: 'POST', body: '{}' }).then((response) => response.status),
    ]);
    expect(statuses).toEqual([404, 404, 404, 202]);
    expect(passedOn.sort()).toEqual(['GET /hooks/abc', 'POST /hooks/abc/more', 'POST /hooksabc']);
    expect(calls.map((call) => call.token)).toEqual(['%E0%A4%A']);
  });

  it('hands a body over the limit on as undefined, whether declared or streamed, and closes the connection', async () => {
    const { base, calls } = await serve(async (call) => (call.rawBody === undefined ? { status: 413, body: { error: { message: 'too large' } } } : accepted()));
    const declared = await fetch(`${base}/hooks/t`, { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(declared.status).toBe(413);
    expect(declared.headers.get('connection')).toBe('close');
    // Chunked, so the size is only known while reading.
    const streamed = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${base}/hooks/t`, { method: 'POST' }, (response) => resolve(response.statusCode!));
      request.on('error', reject);
      for (let chunk = 0; chunk < 4; chunk++) request.write('y'.repeat(MAX_BODY_BYTES / 2));
      request.end();
    });
    expect(streamed).toBe(413);
    const exact = await fetch(`${base}/hooks/t`, { method: 'POST', body: 'z'.repeat(MAX_BODY_BYTES) });
    expect(exact.status).toBe(202);
    expect(calls.map((call) => call.rawBody?.length)).toEqual([undefined, undefined, MAX_BODY_BYTES]);
  });

  it('takes a call sent as a form like any other, its body as sent', async () => {
    const { base, calls } = await serve(accepted);
    const response = await fetch(`${base}/hooks/t`, { method: 'POST', body: new URLSearchParams({ text: 'launch day' }) });
    expect(response.status).toBe(202);
    expect(calls[0]).toMatchObject({ rawBody: 'text=launch+day', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' } });
  });

  it('answers a calm 500 and reports the error when answering throws', async () => {
    const { base, errors } = await serve(async () => {
      throw new Error('database went away');
    });
    const response = await fetch(`${base}/hooks/t`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { message: 'Something went wrong on our side. Please try again.' } });
    expect(errors).toHaveLength(1);
  });
});
