import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { APP_SCOPE, RateLimitLedger, userScope } from '@tweetflow/x';

// The ledger lives in packages/x; its Postgres tests run here, where the test database is set up.
let database: TestDatabase;
let ledger: RateLimitLedger;
beforeAll(async () => {
  database = await createTestDatabase();
  ledger = new RateLimitLedger(database.db);
});
afterAll(() => database.close());

const now = new Date('2026-03-01T12:00:00Z');
const inFifteenMinutes = now.getTime() / 1000 + 15 * 60;

describe('RateLimitLedger', () => {
  it('lets a call through when the window is not known yet', async () => {
    expect(await ledger.take(userScope('unknown'), 'GET /2/users/me', now)).toEqual({ ok: true });
  });

  it('takes units until the window is used up, then answers with its reset', async () => {
    const scope = userScope('counting');
    await ledger.record(scope, 'POST /2/tweets', { limit: 100, remaining: 2, reset: inFifteenMinutes });
    expect(await ledger.take(scope, 'POST /2/tweets', now)).toEqual({ ok: true });
    expect(await ledger.take(scope, 'POST /2/tweets', now)).toEqual({ ok: true });
    expect(await ledger.take(scope, 'POST /2/tweets', now)).toEqual({ ok: false, retryAt: new Date(inFifteenMinutes * 1000) });
    expect(await ledger.take(scope, 'POST /2/tweets', new Date(inFifteenMinutes * 1000 + 1))).toEqual({ ok: true });
  });

  it('never hands out more units than remain, however many callers race', async () => {
    const scope = userScope('racing');
    await ledger.record(scope, 'POST /2/tweets', { limit: 100, remaining: 5, reset: inFifteenMinutes });
    const decisions = await Promise.all(Array.from({ length: 30 }, () => ledger.take(scope, 'POST /2/tweets', now)));
    expect(decisions.filter((decision) => decision.ok)).toHaveLength(5);
  });

  it('takeAll refuses when any scope is used up and then takes from none', async () => {
    const user = userScope('both-scopes');
    await ledger.record(user, 'POST /2/tweets', { limit: 100, remaining: 3, reset: inFifteenMinutes });
    await ledger.record(APP_SCOPE, 'POST /2/tweets', { limit: 10_000, remaining: 0, reset: inFifteenMinutes + 3600 });
    expect(await ledger.takeAll([user, APP_SCOPE], 'POST /2/tweets', now)).toEqual({
      ok: false,
      retryAt: new Date((inFifteenMinutes + 3600) * 1000),
    });
    expect((await ledger.snapshot(user)).find((window) => window.endpoint === 'POST /2/tweets')?.remaining).toBe(3);
  });

  it('within a window keeps the lower count (calls in flight), and ignores headers from an older window', async () => {
    const scope = userScope('headers');
    await ledger.record(scope, 'GET /2/tweets', { limit: 900, remaining: 10, reset: inFifteenMinutes });
    await ledger.take(scope, 'GET /2/tweets', now);
    await ledger.record(scope, 'GET /2/tweets', { limit: 900, remaining: 10, reset: inFifteenMinutes });
    await ledger.record(scope, 'GET /2/tweets', { limit: 900, remaining: 500, reset: inFifteenMinutes - 900 });
    expect(await ledger.snapshot(scope)).toEqual([
      { endpoint: 'GET /2/tweets', limit: 900, remaining: 9, resetAt: new Date(inFifteenMinutes * 1000) },
    ]);
    await ledger.record(scope, 'GET /2/tweets', { limit: 900, remaining: 899, reset: inFifteenMinutes + 900 });
    expect((await ledger.snapshot(scope))[0]?.remaining).toBe(899);
  });

  it('recordResponse files the main window under the user and the 24-hour window under the app', async () => {
    await ledger.recordResponse('recorder', 'POST /2/users/:id/likes', {
      limit: 200,
      remaining: 199,
      reset: inFifteenMinutes,
      day: { limit: 20_000, remaining: 19_000, reset: inFifteenMinutes + 80_000 },
    });
    expect(await ledger.snapshot(userScope('recorder'))).toEqual([
      { endpoint: 'POST /2/users/:id/likes', limit: 200, remaining: 199, resetAt: new Date(inFifteenMinutes * 1000) },
    ]);
    expect((await ledger.snapshot(APP_SCOPE)).find((window) => window.endpoint === 'POST /2/users/:id/likes')).toEqual({
      endpoint: 'POST /2/users/:id/likes',
      limit: 20_000,
      remaining: 19_000,
      resetAt: new Date((inFifteenMinutes + 80_000) * 1000),
    });
  });
});
