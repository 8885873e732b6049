import { classifyXError } from '@tweetflow/x';
import { describe, expect, it } from 'vitest';
import { call, connectedUser, sandboxForTest } from './support';

describe('fault injection', () => {
  it('fails the next N matching requests with 5xx, then recovers', async () => {
    const sandbox = await sandboxForTest();
    const { tokens, x } = connectedUser(sandbox, 'faulty');
    sandbox.admin.injectFault({ kind: 'error', status: 503, count: 2, method: 'POST', path: '/2/tweets' });
    expect((await call(sandbox, tokens.access_token, 'GET', '/2/users/me')).status).toBe(200);
    const failure = await x.v2.tweet('first try').catch((error: unknown) => error);
    expect(classifyXError(failure).kind).toBe('transient');
    expect((await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: 'second try' })).status).toBe(503);
    expect((await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: 'third try' })).status).toBe(201);
    expect(sandbox.admin.stats().injectedFaults).toBe(2);
    expect(sandbox.admin.stats().postsByUser).toEqual({ faulty: 1 });
  });

  it('hangs until the client gives up, and injects 429s counted apart from real over-limit requests', async () => {
    const sandbox = await sandboxForTest();
    const { tokens } = connectedUser(sandbox, 'hung');
    sandbox.admin.injectFault({ kind: 'timeout', count: 1, path: '/2/users/*' });
    const hung = fetch(`${sandbox.url}/2/users/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
      signal: AbortSignal.timeout(300),
    });
    await expect(hung).rejects.toMatchObject({ name: 'TimeoutError' });
    sandbox.admin.injectFault({ kind: 'rate_limit', count: 1 });
    const limited = await call(sandbox, tokens.access_token, 'GET', '/2/users/me');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(sandbox.admin.stats()).toMatchObject({ rateLimitedResponses: 1, overLimitAttempts: 0 });
  });

  it('carries out a request and then loses its answer, so the client cannot know the outcome', async () => {
    const sandbox = await sandboxForTest();
    const { tokens } = connectedUser(sandbox, 'lost');
    sandbox.admin.injectFault({ kind: 'lost_response', count: 1, method: 'POST', path: '/2/tweets' });
    const lost = fetch(`${sandbox.url}/2/tweets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'did this go out?' }),
      signal: AbortSignal.timeout(300),
    });
    await expect(lost).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sandbox.admin.stats()).toMatchObject({ lostResponses: 1, postsByUser: { lost: 1 } });
    const again = await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: 'did this go out?' });
    expect(again.status).toBe(403);
  });

  it('fails a deterministic fraction of requests and adds latency', async () => {
    const statuses = async () => {
      const sandbox = await sandboxForTest({ seed: 7 });
      const { tokens } = connectedUser(sandbox, 'fraction');
      sandbox.admin.injectFault({ kind: 'error', status: 500, fraction: 0.5 });
      const seen: number[] = [];
      for (let index = 0; index < 40; index++) seen.push((await call(sandbox, tokens.access_token, 'GET', '/2/users/me')).status);
      return seen;
    };
    const first = await statuses();
    expect(await statuses()).toEqual(first);
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);

    const slow = await sandboxForTest({ latencyMs: 120 });
    const started = performance.now();
    await fetch(`${slow.url}/2/users/me`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });
});
