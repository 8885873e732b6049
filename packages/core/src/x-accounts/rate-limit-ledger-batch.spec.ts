import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { APP_SCOPE, RateLimitLedger, userScope } from '@tweetflow/x';

// The batch forms publishing uses: one statement for a batch's takes and one for its headers.
let database: TestDatabase;
let ledger: RateLimitLedger;
beforeAll(async () => {
  database = await createTestDatabase();
  ledger = new RateLimitLedger(database.db);
});
afterAll(() => database.close());

const now = new Date('2026-03-01T12:00:00Z');
const reset = now.getTime() / 1000 + 15 * 60;
const remainingOf = async (scope: string, endpoint: string) =>
  (await ledger.snapshot(scope)).find((window) => window.endpoint === endpoint)?.remaining;

describe('RateLimitLedger batches', () => {
  it('takeEach grants calls in order while the user and app windows last, and takes exactly the granted units', async () => {
    const [ann, bob, cy] = ['batch-ann', 'batch-bob', 'batch-cy'].map(userScope) as [string, string, string];
    await ledger.record(ann, 'POST /2/tweets', { limit: 100, remaining: 1, reset });
    await ledger.record(bob, 'POST /2/tweets', { limit: 100, remaining: 50, reset });
    await ledger.record(APP_SCOPE, 'POST /2/tweets', { limit: 10_000, remaining: 3, reset: reset + 3600 });

    const decisions = await ledger.takeEach([ann, ann, bob, cy, bob, cy], [APP_SCOPE], 'POST /2/tweets', now);

    // ann's second call finds her window used up; the app's three units go to the first three others.
    expect(decisions).toEqual([
      { ok: true },
      { ok: false, retryAt: new Date(reset * 1000) },
      { ok: true },
      { ok: true },
      { ok: false, retryAt: new Date((reset + 3600) * 1000) },
      { ok: false, retryAt: new Date((reset + 3600) * 1000) },
    ]);
    expect(await remainingOf(ann, 'POST /2/tweets')).toBe(0);
    expect(await remainingOf(bob, 'POST /2/tweets')).toBe(49);
    expect(await remainingOf(APP_SCOPE, 'POST /2/tweets')).toBe(0);
  });

  it('takeEach never hands out more than remains when batches race', async () => {
    const scope = userScope('batch-race');
    await ledger.record(APP_SCOPE, 'GET /2/tweets', { limit: 100, remaining: 7, reset });
    const batches = await Promise.all(
      Array.from({ length: 6 }, () => ledger.takeEach([scope, scope, scope], [APP_SCOPE], 'GET /2/tweets', now)),
    );
    expect(batches.flat().filter((decision) => decision.ok)).toHaveLength(7);
    expect(await remainingOf(APP_SCOPE, 'GET /2/tweets')).toBe(0);
  });

  it('recordResponses keeps the newest window and, within it, the lowest count', async () => {
    await ledger.recordResponses([
      { xUserId: 'rec-1', endpoint: 'POST /2/users/:id/likes', observed: { limit: 100, remaining: 90, reset, day: { limit: 10_000, remaining: 500, reset: reset + 3600 } } },
      { xUserId: 'rec-1', endpoint: 'POST /2/users/:id/likes', observed: { limit: 100, remaining: 88, reset } },
      { xUserId: 'rec-2', endpoint: 'POST /2/users/:id/likes', observed: { limit: 100, remaining: 99, reset, day: { limit: 10_000, remaining: 499, reset: reset + 3600 } } },
    ]);
    expect(await remainingOf(userScope('rec-1'), 'POST /2/users/:id/likes')).toBe(88);
    expect(await remainingOf(userScope('rec-2'), 'POST /2/users/:id/likes')).toBe(99);
    expect(await remainingOf(APP_SCOPE, 'POST /2/users/:id/likes')).toBe(499);

    // A slower response from the same window with a higher count changes nothing.
    await ledger.recordResponses([{ xUserId: 'rec-1', endpoint: 'POST /2/users/:id/likes', observed: { limit: 100, remaining: 95, reset } }]);
    expect(await remainingOf(userScope('rec-1'), 'POST /2/users/:id/likes')).toBe(88);
    // A new window replaces the old one.
    await ledger.recordResponses([{ xUserId: 'rec-1', endpoint: 'POST /2/users/:id/likes', observed: { limit: 100, remaining: 99, reset: reset + 900 } }]);
    expect(await remainingOf(userScope('rec-1'), 'POST /2/users/:id/likes')).toBe(99);
  });
});
