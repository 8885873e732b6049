import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index';
import { call, sandboxForTest } from './support';

describe('persistence', () => {
  it('keeps users, threads, likes and tokens across a restart', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'x-sandbox-'));
    const stateFile = path.join(directory, 'state.json');
    try {
      const first = await startSandbox({ port: 0, stateFile });
      first.admin.createUser({ username: 'keeper' });
      first.admin.createUser({ username: 'liker' });
      const root = first.admin.post('keeper', { text: 'kept' });
      first.admin.post('keeper', { text: 'kept reply', replyTo: root.id });
      first.admin.like('liker', root.id);
      const { access_token } = first.admin.issueToken('keeper');
      await first.stop();
      expect(JSON.parse(await readFile(stateFile, 'utf8')).posts).toHaveLength(2);

      const second = await startSandbox({ port: 0, stateFile });
      try {
        const timeline = await call(second, access_token, 'GET', `/2/users/${root.authorId}/tweets?tweet.fields=public_metrics,conversation_id`);
        expect(timeline.body.data.map((post: { text: string }) => post.text)).toEqual(['kept reply', 'kept']);
        expect(timeline.body.data[1].conversation_id).toBe(root.id);
        const next = second.admin.post('keeper', { text: 'after restart' });
        expect(BigInt(next.id) > BigInt(root.id)).toBe(true);
        expect(() => second.admin.post('keeper', { text: 'kept' })).toThrow('duplicate');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('admin API over HTTP', () => {
  it('creates users and clients, acts as users, moves the clock, and reports stats', async () => {
    const sandbox = await sandboxForTest({ mode: 'dev' });
    const admin = (method: string, route: string, body?: unknown) => call(sandbox, '', method, `/__sandbox${route}`, body);
    expect((await admin('POST', '/users', { username: 'alice', premium: true })).status).toBe(201);
    expect((await admin('POST', '/users', { username: 'alice' })).status).toBe(400);
    const client = await admin('POST', '/clients', { client_id: 'partner', redirect_uris: ['https://partner.example/cb'] });
    expect(client.body.client_secret).toEqual(expect.any(String));
    const tokens = await admin('POST', '/tokens', { user: 'alice', client_id: 'partner' });
    const posted = await admin('POST', '/users/alice/posts', { text: 'from the admin API' });
    expect(posted.status).toBe(201);
    const before = await admin('GET', '/clock');
    const after = await admin('POST', '/clock/advance', { ms: 3 * 60 * 60_000 });
    expect(Date.parse(after.body.now) - Date.parse(before.body.now)).toBeGreaterThanOrEqual(3 * 60 * 60_000);
    // Two hours passed: the token has expired.
    expect((await call(sandbox, tokens.body.access_token, 'GET', '/2/users/me')).status).toBe(401);
    const fresh = await admin('POST', '/tokens', { user: 'alice' });
    expect((await admin('POST', '/tokens/expire', { user: 'alice' })).body.expired).toBeGreaterThan(0);
    expect((await call(sandbox, fresh.body.access_token, 'GET', '/2/users/me')).status).toBe(401);
    expect((await admin('PUT', '/rate-limits', { tier: 'free' })).body).toEqual({ tier: 'free' });
    expect((await admin('POST', '/faults', { kind: 'error', count: 1 })).status).toBe(201);
    expect((await admin('GET', '/faults')).body.faults).toHaveLength(1);
    expect((await admin('DELETE', '/faults')).status).toBe(200);
    const stats = await admin('GET', '/stats');
    expect(stats.body.postsByUser).toEqual({ alice: 1 });
    expect(stats.body.requestsByEndpoint['GET /2/users/me']).toBe(2);
    expect((await admin('POST', '/reset')).status).toBe(200);
    expect((await admin('GET', '/users')).body.users).toEqual([]);
  });

  it('is absent in production-like mode', async () => {
    const sandbox = await sandboxForTest({ mode: 'production-like' });
    const response = await call(sandbox, '', 'POST', '/__sandbox/users', { username: 'intruder' });
    expect(response.status).toBe(404);
    expect(response.body.type).toBe('https://api.twitter.com/2/problems/resource-not-found');
    expect(sandbox.admin.users()).toEqual([]);
  });
});

describe('the sandbox home page', () => {
  it('shows users and threads in reply order, escaping their text', async () => {
    const sandbox = await sandboxForTest();
    sandbox.admin.createUser({ username: 'writer', name: '<b>Writer</b>' });
    const root = sandbox.admin.post('writer', { text: 'first <script>alert(1)</script>' });
    sandbox.admin.post('writer', { text: 'second in thread', replyTo: root.id });
    const page = await (await fetch(`${sandbox.url}/`)).text();
    expect(page).toContain('@writer');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<b>Writer</b>');
    expect(page.indexOf('first &lt;script')).toBeLessThan(page.indexOf('second in thread'));
  });
});
