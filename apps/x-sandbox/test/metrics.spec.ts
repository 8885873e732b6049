import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/index';
import { call, connectedUser, sandboxForTest } from './support';

const START = Date.parse('2026-02-01T09:00:00Z');
const HOUR = 60 * 60_000;
const FIELDS = 'tweet.fields=public_metrics,non_public_metrics,organic_metrics';

async function metricsOverTime(seed: number) {
  const clock = fixedClock(START);
  const sandbox = await sandboxForTest({ clock, seed });
  const { user } = connectedUser(sandbox, 'analyst');
  const post = sandbox.admin.post('analyst', { text: 'measured post' });
  const samples = [];
  let elapsedHours = 0;
  for (const hours of [0, 1, 6, 24, 72]) {
    clock.advance((hours - elapsedHours) * HOUR);
    elapsedHours = hours;
    const token = sandbox.admin.issueToken(user.id).access_token;
    samples.push((await call(sandbox, token, 'GET', `/2/tweets/${post.id}?${FIELDS}`)).body.data.public_metrics.impression_count as number);
  }
  return samples;
}

describe('metrics', () => {
  it('grow over time, deterministically for a seed', async () => {
    const first = await metricsOverTime(11);
    expect(await metricsOverTime(11)).toEqual(first);
    expect(first[0]).toBe(0);
    for (let index = 1; index < first.length; index++) expect(first[index]).toBeGreaterThanOrEqual(first[index - 1] ?? 0);
    expect(first.at(-1)).toBeGreaterThan(100);
    expect(await metricsOverTime(12)).not.toEqual(first);
  });

  it('add real likes and replies, and show private metrics only to the owner within 30 days', async () => {
    const clock = fixedClock(START);
    const sandbox = await sandboxForTest({ clock });
    const owner = connectedUser(sandbox, 'owner');
    const viewer = connectedUser(sandbox, 'viewer');
    const post = sandbox.admin.post('owner', { text: 'popular' });
    const before = (await call(sandbox, owner.tokens.access_token, 'GET', `/2/tweets/${post.id}?${FIELDS}`)).body.data;
    sandbox.admin.like('viewer', post.id);
    sandbox.admin.post('viewer', { text: 'nice', replyTo: post.id });
    const after = (await call(sandbox, owner.tokens.access_token, 'GET', `/2/tweets/${post.id}?${FIELDS}`)).body.data;
    expect(after.public_metrics.like_count).toBe(before.public_metrics.like_count + 1);
    expect(after.public_metrics.reply_count).toBe(before.public_metrics.reply_count + 1);
    expect(after.organic_metrics).toMatchObject({ like_count: after.public_metrics.like_count });
    expect(after.non_public_metrics).toHaveProperty('impression_count');

    const seenByOther = (await call(sandbox, viewer.tokens.access_token, 'GET', `/2/tweets/${post.id}?${FIELDS}`)).body;
    expect(seenByOther.data.public_metrics).toBeDefined();
    expect(seenByOther.data.non_public_metrics).toBeUndefined();
    expect(seenByOther.errors.map((error: { field: string }) => error.field)).toEqual(['non_public_metrics', 'organic_metrics']);

    clock.advance(30 * 24 * HOUR + 1);
    const token = sandbox.admin.issueToken(owner.user.id).access_token;
    const old = (await call(sandbox, token, 'GET', `/2/tweets/${post.id}?${FIELDS}`)).body;
    expect(old.data.organic_metrics).toBeUndefined();
    expect(old.errors[0].type).toBe('https://api.twitter.com/2/problems/not-authorized-for-field');
  });
});
