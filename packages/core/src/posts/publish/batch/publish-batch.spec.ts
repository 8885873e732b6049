import { eq } from 'drizzle-orm';
import { posts, publishAttempts, workspaceMembers, xAccounts, xRateLimitWindows } from '@tweetflow/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPost } from '../../create-post';
import { reschedulePost } from '../../reschedule-post';
import { startPublishingTestbed, type PublishingTestbed } from '../../testing';

let testbed: PublishingTestbed;

beforeEach(async () => {
  testbed = await startPublishingTestbed();
  await testbed.database.db.insert(workspaceMembers).values({ workspaceId: testbed.workspaceId, userId: testbed.userId, role: 'owner' });
});
afterEach(() => testbed.close());

async function postNow(accountId: string, texts: string[], mediaIds: string[][] = []) {
  return createPost(testbed.database.db, testbed.publishing, {
    workspaceId: testbed.workspaceId,
    userId: testbed.userId,
    userTimezone: 'UTC',
    content: { accountId, items: texts.map((text, index) => ({ text, mediaIds: mediaIds[index] ?? [] })) },
    timing: { kind: 'now' },
  });
}

async function statusOf(postId: string) {
  const [row] = await testbed.database.db.select({ status: posts.status, reason: posts.statusReason }).from(posts).where(eq(posts.id, postId));
  return row;
}

describe('publishing a batch of due posts', () => {
  it('settles every post of one batch on its own: threads, media, duplicates, used-up windows and stale jobs', async () => {
    const ada = await testbed.connect('ada');
    const bob = await testbed.connect('bob');
    const [bobRow] = await testbed.database.db.select({ xUserId: xAccounts.xUserId }).from(xAccounts).where(eq(xAccounts.id, bob));
    const resetAt = new Date(Date.now() + 10 * 60_000);
    await testbed.database.db
      .insert(xRateLimitWindows)
      .values({ scope: `user:${bobRow!.xUserId}`, endpoint: 'POST /2/tweets', limit: 100, remaining: 0, resetAt });
    testbed.sandbox.admin.post('ada', { text: 'Said it before' });
    const image = await testbed.uploadImage();

    const single = await postNow(ada, ['Good morning']);
    const thread = await postNow(ada, ['1/ A thread', '2/ in one batch', '3/ the end']);
    const withImage = await postNow(ada, ['Look at this'], [[image]]);
    const duplicate = await postNow(ada, ['Said it before']);
    const waiting = await postNow(bob, ['Bob has no units left']);
    const moved = await postNow(ada, ['Moved to tomorrow']);
    await reschedulePost(testbed.database.db, testbed.publishing, { workspaceId: testbed.workspaceId, postId: moved.id, scheduledAt: new Date(Date.now() + 86_400_000) });

    const outcomes = await testbed.drainPublishJobs();

    expect(outcomes.toSorted()).toEqual(['deferred', 'failed', 'published', 'published', 'published', 'stood_down']);
    expect(await statusOf(single.id)).toEqual({ status: 'published', reason: null });
    expect(await statusOf(thread.id)).toEqual({ status: 'published', reason: null });
    expect(await statusOf(withImage.id)).toEqual({ status: 'published', reason: null });
    expect(await statusOf(duplicate.id)).toEqual({ status: 'failed', reason: 'X rejected the post: duplicate content.' });
    expect(await statusOf(waiting.id)).toEqual({ status: 'scheduled', reason: `Waiting for X's rate limit to reset at ${resetAt.toISOString().slice(11, 16)} UTC.` });
    expect(await statusOf(moved.id)).toMatchObject({ status: 'scheduled' });

    const onX = testbed.postsOf('ada');
    const texts = onX.map((item) => item.text);
    for (const text of ['Good morning', '1/ A thread', '2/ in one batch', '3/ the end', 'Look at this']) {
      expect(texts.filter((candidate) => candidate === text)).toHaveLength(1);
    }
    expect(texts).not.toContain('Moved to tomorrow');
    const byText = new Map(onX.map((item) => [item.text, item]));
    expect(byText.get('1/ A thread')!.inReplyToPostId).toBeNull();
    expect(byText.get('2/ in one batch')!.inReplyToPostId).toBe(byText.get('1/ A thread')!.id);
    expect(byText.get('3/ the end')!.inReplyToPostId).toBe(byText.get('2/ in one batch')!.id);
    expect(byText.get('Look at this')!.mediaCount).toBe(1);
    expect(testbed.postsOf('bob')).toHaveLength(0);
    expect(testbed.sandbox.admin.stats().overLimitAttempts).toBe(0);

    // Every call X answered has its attempt, and none is left unresolved.
    const attempts = await testbed.database.db.select({ status: publishAttempts.status }).from(publishAttempts);
    expect(attempts.map((attempt) => attempt.status).toSorted()).toEqual(['failed', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
  });

  it('looks on the timeline only for the post whose call went unanswered, not for its neighbours', async () => {
    const ada = await testbed.connect('ada');
    const crashed = await postNow(ada, ['Sent just before a crash']);
    const fresh = await postNow(ada, ['Nothing to reconcile']);
    const [row] = await testbed.database.db.select({ jobId: posts.publishJobId }).from(posts).where(eq(posts.id, crashed.id));
    // The worker died during this post's call: its attempt was never settled.
    await testbed.database.db.insert(publishAttempts).values({ postId: crashed.id, itemPosition: 0, jobId: row!.jobId!, startedAt: new Date() });

    expect(await testbed.drainPublishJobs()).toEqual(['published', 'published']);

    expect(testbed.requests('GET /2/users/:id/tweets')).toBe(1);
    expect(testbed.postsOf('ada').map((item) => item.text).toSorted()).toEqual(['Nothing to reconcile', 'Sent just before a crash']);
    expect(await statusOf(fresh.id)).toEqual({ status: 'published', reason: null });
  });

  it('after a 401 refreshes the token on the one-post path and publishes once', async () => {
    const ada = await testbed.connect('ada');
    // X stopped accepting the access token before the expiry TweetFlow has on record.
    testbed.sandbox.admin.expireTokens('ada');
    const post = await postNow(ada, ['Still here']);

    expect(await testbed.drainPublishJobs()).toEqual(['published']);

    expect(await statusOf(post.id)).toEqual({ status: 'published', reason: null });
    expect(testbed.postsOf('ada').map((item) => item.text)).toEqual(['Still here']);
    expect(testbed.requests('POST /2/oauth2/token')).toBe(1);
    // The batch's call was refused (X did not act); the one-post path's call succeeded.
    const attempts = await testbed.database.db.select({ status: publishAttempts.status, errorKind: publishAttempts.errorKind }).from(publishAttempts);
    expect(attempts.toSorted((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: 'failed', errorKind: 'auth' },
      { status: 'succeeded', errorKind: null },
    ]);
  });
});
