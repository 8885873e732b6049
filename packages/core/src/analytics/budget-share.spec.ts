import { eq } from 'drizzle-orm';
import { trackedPosts, xAccounts } from '@tweetflow/db';
import { RateLimitLedger, userScope } from '@tweetflow/x';
import { fixedClock } from '@tweetflow/x-sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withXAccount } from '../x-accounts/with-x-account';
import { startAnalyticsTestbed, type AnalyticsTestbed } from './testing';

const START = Date.parse('2026-03-02T09:00:00Z');
const WINDOW = 15 * 60_000;

let testbed: AnalyticsTestbed;
let accountId: string;

// X's Basic tier: 15 calls to GET /2/tweets per user per 15 minutes.
beforeEach(async () => {
  testbed = await startAnalyticsTestbed({ clock: fixedClock(START), tier: 'basic' }, { budgetShare: 0.5 });
  accountId = await testbed.connect('ada');
});
afterEach(() => testbed.close());

/** `count` posts on the sandbox, followed by TweetFlow and due now. */
async function followPosts(count: number): Promise<void> {
  const now = new Date(testbed.sandbox.clock.now());
  const rows = Array.from({ length: count }, (_, index) => {
    const post = testbed.sandbox.admin.post('ada', { text: `Post number ${index}` });
    return { workspaceId: testbed.workspaceId, xAccountId: accountId, xPostId: post.id, text: post.text, postedAt: now, nextPollAt: now };
  });
  await testbed.database.db.insert(trackedPosts).values(rows);
}

async function xUserId(): Promise<string> {
  const [account] = await testbed.database.db.select({ xUserId: xAccounts.xUserId }).from(xAccounts).where(eq(xAccounts.id, accountId));
  return account!.xUserId;
}

describe('metrics polling within the rate budget', { timeout: 60_000 }, () => {
  it('spends at most its share of each window, defers the rest to the reset, and leaves the remainder usable', async () => {
    await followPosts(800);
    const first = await testbed.tick();
    // 800 posts need 8 lookups of 100; half of 15 allows 7.
    expect(first.posts).toEqual([{ polled: 700, lookups: 7, deferredUntil: new Date(START + WINDOW), skipped: null }]);
    expect(testbed.requests('GET /2/tweets')).toBe(7);

    // What was kept is really there for publishing and everything else: 8 more calls go through.
    for (let call = 0; call < 8; call++) {
      await withXAccount(testbed.database.db, testbed.deps, accountId, 'GET /2/tweets', (x) => x.v2.tweets(['1']));
    }
    await expect(withXAccount(testbed.database.db, testbed.deps, accountId, 'GET /2/tweets', (x) => x.v2.tweets(['1']))).rejects.toThrow(/rate/i);

    testbed.advance(WINDOW);
    const second = await testbed.tick();
    expect(second.posts[0]).toMatchObject({ lookups: 7, deferredUntil: new Date(START + 2 * WINDOW) });

    const stats = testbed.sandbox.admin.stats();
    expect(stats.overLimitAttempts).toBe(0);
    expect(stats.rateLimitedResponses).toBe(0);
  });

  it('does not poll at all while others have used more than the rest of the window', async () => {
    await followPosts(50);
    await new RateLimitLedger(testbed.database.db).record(userScope(await xUserId()), 'GET /2/tweets', {
      limit: 15,
      remaining: 8,
      reset: (START + 10 * 60_000) / 1000,
    });
    const report = await testbed.tick();
    expect(report.posts).toEqual([{ polled: 0, lookups: 0, deferredUntil: new Date(START + 10 * 60_000), skipped: null }]);
    expect(testbed.requests('GET /2/tweets')).toBe(0);
  });
});
