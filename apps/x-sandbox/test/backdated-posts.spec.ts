import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/index';
import { call, connectedUser, sandboxForTest } from './support';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 24 * 60 * 60_000;

describe('backdated posts (admin API, for seeding a history)', () => {
  it('are dated in the past, show grown metrics and appear on the timeline with that date', async () => {
    const sandbox = await sandboxForTest({ clock: fixedClock(NOW), seed: 3 });
    const { user, tokens } = connectedUser(sandbox, 'historian');
    const response = await fetch(`${sandbox.url}/__sandbox/users/historian/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Three days ago', created_at: new Date(NOW - 3 * DAY).toISOString() }),
    });
    expect(response.status).toBe(201);
    const { post } = (await response.json()) as { post: { id: string; created_at: string } };
    expect(post.created_at).toBe('2026-03-07T12:00:00.000Z');
    const fresh = sandbox.admin.post('historian', { text: 'Just now' });

    const timeline = await call(sandbox, tokens.access_token, 'GET', `/2/users/${user.id}/tweets?tweet.fields=created_at,public_metrics`);
    const byId = new Map<string, { created_at: string; public_metrics: { impression_count: number } }>(timeline.body.data.map((item: { id: string }) => [item.id, item]));
    expect(byId.get(post.id)?.created_at).toBe('2026-03-07T12:00:00.000Z');
    expect(byId.get(post.id)!.public_metrics.impression_count).toBeGreaterThan(100);
    expect(byId.get(fresh.id)!.public_metrics.impression_count).toBe(0);
  });

  it('cannot be dated in the future', async () => {
    const sandbox = await sandboxForTest({ clock: fixedClock(NOW) });
    sandbox.admin.createUser({ username: 'seer' });
    expect(() => sandbox.admin.post('seer', { text: 'Tomorrow', createdAt: NOW + DAY })).toThrow('A post cannot be made in the future.');
  });
});
