import { asc, eq, inArray } from 'drizzle-orm';
import { posts, publishAttempts, xAccounts, xRateLimitWindows } from '@tweetflow/db';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_SCOPE, neverReachedX, RateLimitLedger } from '@tweetflow/x';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPost } from '../../create-post';
import { startPublishingTestbed, type PublishingTestbed } from '../../testing';
import { claimBatch } from './claim-batch';
import { sendRound, type Sending } from './send-round';

let testbed: PublishingTestbed;
beforeEach(async () => {
  testbed = await startPublishingTestbed();
});
afterEach(() => testbed.close());

const ENDPOINT = 'POST /2/tweets';

async function windows() {
  const window = xRateLimitWindows;
  return testbed.database.db
    .select({ scope: window.scope, limit: window.limit, remaining: window.remaining })
    .from(window)
    .where(eq(window.endpoint, ENDPOINT))
    .orderBy(asc(window.scope));
}

/** Two posts of two accounts, claimed and ready to send, with known ledger windows. */
async function claimedRound() {
  const accounts = [await testbed.connect('round_ada'), await testbed.connect('round_bob')];
  const xUsers = await testbed.database.db.select({ xUserId: xAccounts.xUserId }).from(xAccounts).where(inArray(xAccounts.id, accounts));
  const ledger = new RateLimitLedger(testbed.database.db);
  const reset = Math.ceil(Date.now() / 1000) + 900;
  for (const { xUserId } of xUsers) await ledger.record(`user:${xUserId}`, ENDPOINT, { limit: 100, remaining: 40, reset });
  await ledger.record(APP_SCOPE, ENDPOINT, { limit: 10_000, remaining: 500, reset: reset + 86_400 });
  const created = await Promise.all(
    accounts.map((accountId, index) =>
      createPost(testbed.database.db, testbed.publishing, {
        workspaceId: testbed.workspaceId,
        userId: testbed.userId,
        userTimezone: 'UTC',
        content: { accountId, items: [{ text: `Round post ${index}`, mediaIds: [] }] },
        timing: { kind: 'now' },
      }),
    ),
  );
  const jobs = await testbed.database.db.select({ id: posts.publishJobId, postId: posts.id }).from(posts).where(inArray(posts.id, created.map((post) => post.id)));
  const claimed = await claimBatch(testbed.database.db, jobs.map((job) => ({ id: job.id!, postId: job.postId })), new Date());
  const sendings: Sending[] = claimed.map((post) => ({
    post,
    item: post.items[0]!,
    total: 1,
    replyTo: null,
    accessToken: testbed.deps.keyring.decrypt(post.sender!.accessTokenCiphertext),
  }));
  return { created, sendings, before: await windows() };
}

/** Every window the round took from has its units back; one it opened itself is full. */
async function expectWindowsAsBefore(before: Awaited<ReturnType<typeof windows>>) {
  const after = await windows();
  expect(after.filter((window) => before.some((known) => known.scope === window.scope))).toEqual(before);
  for (const opened of after.filter((window) => !before.some((known) => known.scope === window.scope))) expect(opened.remaining).toBe(opened.limit);
}

describe('a round whose attempts cannot be recorded', () => {
  it('sends nothing and gives back every unit it took, so its retry does not count twice', async () => {
    const { created, sendings, before } = await claimedRound();
    // A post deleted between its claim and its round: the attempts insert refuses the whole round.
    await testbed.database.db.delete(posts).where(eq(posts.id, created[1]!.id));

    await expect(sendRound(testbed.database.db, testbed.publishing, sendings)).rejects.toThrow();

    expect(testbed.postsOf('round_ada')).toHaveLength(0);
    expect(await testbed.database.db.select().from(publishAttempts)).toHaveLength(0);
    await expectWindowsAsBefore(before);
  });
});

describe('a round whose calls cannot connect', () => {
  it('reports each call failed as one that never reached X, and gives their units back', async () => {
    const { sendings, before } = await claimedRound();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = { ...testbed.publishing, xAccounts: { ...testbed.publishing.xAccounts, apiBaseUrl: `http://127.0.0.1:${port}` } };

    const results = await sendRound(testbed.database.db, unreachable, sendings);

    expect(results).toHaveLength(2);
    for (const result of results) {
      expect('error' in result && neverReachedX(result.error)).toBe(true);
      expect(result.attemptId).not.toBeNull();
    }
    await expectWindowsAsBefore(before);
  });
});
