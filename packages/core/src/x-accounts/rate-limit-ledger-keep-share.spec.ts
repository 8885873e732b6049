import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { APP_SCOPE, RateLimitLedger, userScope } from '@tweetflow/x';

let database: TestDatabase;
let ledger: RateLimitLedger;
beforeAll(async () => {
  database = await createTestDatabase();
  ledger = new RateLimitLedger(database.db);
});
afterAll(() => database.close());

const now = new Date('2026-03-01T12:00:00Z');
const reset = now.getTime() / 1000 + 15 * 60;

describe('RateLimitLedger keepShare', () => {
  it('stops a background caller once only the kept share of the window is left, while others go on', async () => {
    const scope = userScope('background');
    await ledger.record(scope, 'GET /2/tweets', { limit: 15, remaining: 15, reset });
    const background = [];
    for (let call = 0; call < 15; call++) background.push(await ledger.take(scope, 'GET /2/tweets', now, { keepShare: 0.5 }));
    // 15 units, half kept: the background caller gets 7 and leaves 8.
    expect(background.filter((decision) => decision.ok)).toHaveLength(7);
    expect(background.at(-1)).toEqual({ ok: false, retryAt: new Date(reset * 1000) });
    const [window] = await ledger.snapshot(scope);
    expect(window?.remaining).toBe(8);

    const foreground = [];
    for (let call = 0; call < 9; call++) foreground.push(await ledger.take(scope, 'GET /2/tweets', now));
    expect(foreground.filter((decision) => decision.ok)).toHaveLength(8);
  });

  it('applies the kept share to the app window too', async () => {
    const user = userScope('background-app');
    await ledger.record(user, 'GET /2/users/me', { limit: 75, remaining: 75, reset });
    await ledger.record(APP_SCOPE, 'GET /2/users/me', { limit: 10, remaining: 6, reset });
    expect(await ledger.takeAll([user, APP_SCOPE], 'GET /2/users/me', now, { keepShare: 0.5 })).toEqual({ ok: true });
    expect(await ledger.takeAll([user, APP_SCOPE], 'GET /2/users/me', now, { keepShare: 0.5 })).toEqual({ ok: false, retryAt: new Date(reset * 1000) });
    // The refused call took nothing from the user's window.
    expect((await ledger.snapshot(user))[0]?.remaining).toBe(74);
  });
});
