import { ApiResponseError } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/index';
import { call, connectedUser, sandboxForTest } from './support';

const START = Date.parse('2026-03-01T12:00:00Z');

describe('rate limits', () => {
  it('answers the 101st post in 15 minutes with X’s 429 and headers, and resets with the clock', async () => {
    const clock = fixedClock(START);
    const sandbox = await sandboxForTest({ clock });
    const { tokens } = connectedUser(sandbox, 'busy');
    for (let index = 1; index <= 100; index++) {
      const response = await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: `post number ${index}` });
      expect(response.status).toBe(201);
      expect(response.headers.get('x-rate-limit-remaining')).toBe(String(100 - index));
    }
    const refused = await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: 'one too many' });
    expect(refused.status).toBe(429);
    expect(refused.body).toStrictEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
    expect(refused.headers.get('x-rate-limit-limit')).toBe('100');
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(refused.headers.get('x-rate-limit-reset')).toBe(String((START + 15 * 60_000) / 1000));
    expect(refused.headers.get('x-app-limit-24hour-limit')).toBe('10000');
    expect(refused.headers.get('x-app-limit-24hour-remaining')).toBe('9900');
    expect(sandbox.admin.stats().overLimitAttemptsByEndpoint).toEqual({ 'POST /2/tweets': 1 });

    clock.advance(15 * 60_000 - 1);
    expect((await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: 'still too early' })).status).toBe(429);
    clock.advance(1);
    const afterReset = await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: 'new window' });
    expect(afterReset.status).toBe(201);
    expect(afterReset.headers.get('x-rate-limit-remaining')).toBe('99');
    expect(sandbox.admin.stats().overLimitAttempts).toBe(2);
  });

  it('keeps windows per user, and twitter-api-v2 sees the 429 as a rate-limit error with reset', async () => {
    const sandbox = await sandboxForTest({ clock: fixedClock(START), tier: 'free' });
    const first = connectedUser(sandbox, 'first');
    const second = connectedUser(sandbox, 'second');
    await first.x.v2.tweets(['1']);
    const error = await first.x.v2.tweets(['1']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiResponseError);
    expect((error as ApiResponseError).rateLimitError).toBe(true);
    expect((error as ApiResponseError).rateLimit).toMatchObject({ limit: 1, remaining: 0, reset: (START + 15 * 60_000) / 1000 });
    // The free tier's app window is 1 too, so another user of the same app is refused as well.
    await expect(second.x.v2.tweets(['1'])).rejects.toMatchObject({ code: 429 });
  });

  it('uses the tier set through the admin API, with 24-hour user headers for basic posting', async () => {
    const sandbox = await sandboxForTest({ clock: fixedClock(START) });
    sandbox.admin.setTier('basic');
    const { tokens } = connectedUser(sandbox, 'basic');
    const response = await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: 'on basic' });
    expect(response.headers.get('x-user-limit-24hour-limit')).toBe('100');
    expect(response.headers.get('x-user-limit-24hour-remaining')).toBe('99');
    expect(response.headers.get('x-rate-limit-reset')).toBe(String((START + 24 * 60 * 60_000) / 1000));
    const me = await call(sandbox, tokens.access_token, 'GET', '/2/users/me');
    expect(me.headers.get('x-rate-limit-limit')).toBe('250');
  });
});
