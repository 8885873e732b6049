import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Executor } from '@tweetflow/db';
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
    // A grant names the windows its unit came from: cy's user window is not known yet.
    const userWindow = (scope: string) => ({ scope, resetAt: new Date(reset * 1000) });
    const appWindow = { scope: APP_SCOPE, resetAt: new Date((reset + 3600) * 1000) };
    expect(decisions).toEqual([
      { ok: true, taken: [userWindow(ann), appWindow] },
      { ok: false, retryAt: new Date(reset * 1000) },
      { ok: true, taken: [userWindow(bob), appWindow] },
      { ok: true, taken: [appWindow] },
      { ok: false, retryAt: new Date((reset + 3600) * 1000) },
      { ok: false, retryAt: new Date((reset + 3600) * 1000) },
    ]);
    expect(await remainingOf(ann, 'POST /2/tweets')).toBe(0);
    expect(await remainingOf(bob, 'POST /2/tweets')).toBe(49);
    expect(await remainingOf(APP_SCOPE, 'POST /2/tweets')).toBe(0);
  });

  it('takeEach never hands out more than remains when processes race', async () => {
    // Two handles stand for two processes: each writes its own statements, which race.
    const other = createDatabase(database.url, { max: 3 });
    try {
      const ledgers = [ledger, new RateLimitLedger(other.db)];
      const scope = userScope('batch-race');
      await ledger.record(APP_SCOPE, 'GET /2/tweets', { limit: 100, remaining: 7, reset });
      const batches = await Promise.all(
        Array.from({ length: 6 }, (_, index) => ledgers[index % 2]!.takeEach([scope, scope, scope], [APP_SCOPE], 'GET /2/tweets', now)),
      );
      expect(batches.flat().filter((decision) => decision.ok)).toHaveLength(7);
      expect(await remainingOf(APP_SCOPE, 'GET /2/tweets')).toBe(0);
    } finally {
      await other.close();
    }
  });

  it("a process's concurrent takes share statements, and each caller gets its own decisions in arrival order", async () => {
    const statements = { count: 0 };
    const counted = countingExecutes(database.db, statements);
    const counting = new RateLimitLedger(counted);
    const [dee, eve] = ['batch-dee', 'batch-eve'].map(userScope) as [string, string];
    await ledger.record(dee, 'POST /2/users/:id/retweets', { limit: 100, remaining: 2, reset });
    await ledger.record(eve, 'POST /2/users/:id/retweets', { limit: 100, remaining: 50, reset });
    await ledger.record(APP_SCOPE, 'POST /2/users/:id/retweets', { limit: 10_000, remaining: 10_000, reset: reset + 3600 });

    const takes = [[dee], [eve, dee], [dee, eve], ...Array.from({ length: 17 }, () => [eve])];
    const decided = await Promise.all(takes.map((callers) => counting.takeEach(callers, [APP_SCOPE], 'POST /2/users/:id/retweets', now)));

    // The first take goes alone; the nineteen that arrive while it is written go together.
    expect(statements.count).toBe(2);
    const refused = { ok: false, retryAt: new Date(reset * 1000) };
    expect(decided.slice(0, 3).map((decisions) => decisions.map((decision) => (decision.ok ? 'granted' : decision)))).toEqual([
      ['granted'],
      ['granted', 'granted'],
      [refused, 'granted'],
    ]);
    expect(decided.slice(3).every((decisions) => decisions.length === 1 && decisions[0]!.ok)).toBe(true);
    expect(await remainingOf(dee, 'POST /2/users/:id/retweets')).toBe(0);
    expect(await remainingOf(eve, 'POST /2/users/:id/retweets')).toBe(50 - 19);
    expect(await remainingOf(APP_SCOPE, 'POST /2/users/:id/retweets')).toBe(10_000 - 21);
  });

  it('release gives units back to the windows they came from, but not to a window that has reset since', async () => {
    const [fay, gus] = ['batch-fay', 'batch-gus'].map(userScope) as [string, string];
    const endpoint = 'DELETE /2/users/:id/likes/:tweet_id';
    await ledger.record(fay, endpoint, { limit: 50, remaining: 10, reset });
    await ledger.record(gus, endpoint, { limit: 50, remaining: 50, reset });
    await ledger.record(APP_SCOPE, endpoint, { limit: 1_000, remaining: 100, reset: reset + 3600 });

    const decisions = await ledger.takeEach([fay, fay, gus], [APP_SCOPE], endpoint, now);
    const grants = decisions.filter((decision) => decision.ok);
    expect(grants).toHaveLength(3);
    await ledger.release(endpoint, grants.slice(0, 2));
    expect(await remainingOf(fay, endpoint)).toBe(10);
    expect(await remainingOf(gus, endpoint)).toBe(49);
    expect(await remainingOf(APP_SCOPE, endpoint)).toBe(99);

    // gus's window reset and X reported the next one: the old grant's unit is not owed to it.
    await ledger.record(gus, endpoint, { limit: 50, remaining: 50, reset: reset + 900 });
    await ledger.release(endpoint, grants.slice(2));
    expect(await remainingOf(gus, endpoint)).toBe(50);
    expect(await remainingOf(APP_SCOPE, endpoint)).toBe(100);
    // Nor does a window grow beyond its limit, when X has lowered it since the take.
    const [lowered] = (await ledger.takeEach([fay], [], endpoint, now)).filter((decision) => decision.ok);
    await ledger.record(fay, endpoint, { limit: 9, remaining: 9, reset });
    await ledger.release(endpoint, [lowered!]);
    expect(await remainingOf(fay, endpoint)).toBe(9);
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

/** The executor, counting the statements sent through `execute`. */
function countingExecutes(db: Executor, statements: { count: number }): Executor {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'execute' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        statements.count++;
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
