import { eq } from 'drizzle-orm';
import { notifications, posts, workspaceMembers, xAccounts, xRateLimitWindows } from '@tweetflow/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeMedia } from '../../media/describe-media';
import { createPost } from '../create-post';
import { reschedulePost } from '../reschedule-post';
import { releaseHeldPosts } from '../release-held-posts';
import { getPostDetail } from '../get-post-detail';
import { startPublishingTestbed, type PublishingTestbed } from '../testing';

let testbed: PublishingTestbed;
let accountId: string;

beforeEach(async () => {
  testbed = await startPublishingTestbed();
  accountId = await testbed.connect('ada');
  await testbed.database.db.insert(workspaceMembers).values({ workspaceId: testbed.workspaceId, userId: testbed.userId, role: 'owner' });
});
afterEach(() => testbed.close());

function thread(texts: string[], mediaIds: string[][] = []) {
  return { accountId, items: texts.map((text, index) => ({ text, mediaIds: mediaIds[index] ?? [] })) };
}

async function postNow(texts: string[], mediaIds: string[][] = []) {
  return createPost(testbed.database.db, testbed.publishing, {
    workspaceId: testbed.workspaceId,
    userId: testbed.userId,
    userTimezone: 'Europe/Berlin',
    content: thread(texts, mediaIds),
    timing: { kind: 'now' },
  });
}

async function statusOf(postId: string) {
  const [row] = await testbed.database.db.select({ status: posts.status, reason: posts.statusReason }).from(posts).where(eq(posts.id, postId));
  return row;
}

describe('publishing a post', () => {
  it('publishes a thread with images in order, each item replying to the one before, each image with its alt text', async () => {
    const image = await testbed.uploadImage();
    const undescribed = await testbed.uploadImage();
    await describeMedia(testbed.database.db, { workspaceId: testbed.workspaceId, descriptions: [{ mediaId: image, altText: 'The launch team on stage' }] });
    const post = await postNow(['1/ Launch day', '2/ What is new', '3/ Thanks'], [[image, undescribed]]);
    expect(post.status).toBe('scheduled');

    expect(await testbed.drainPublishJobs()).toEqual(['published']);

    const onX = testbed.postsOf('ada');
    expect(onX.map((item) => item.text)).toEqual(['1/ Launch day', '2/ What is new', '3/ Thanks']);
    expect(onX[0]).toMatchObject({ inReplyToPostId: null, mediaCount: 2, mediaAltTexts: ['The launch team on stage', ''] });
    expect(onX[1]!.inReplyToPostId).toBe(onX[0]!.id);
    expect(onX[2]!.inReplyToPostId).toBe(onX[1]!.id);
    const detail = await getPostDetail(testbed.database.db, { workspaceId: testbed.workspaceId, postId: post.id });
    expect(detail.status).toBe('published');
    expect(detail.items.map((item) => item.xPostId)).toEqual(onX.map((item) => item.id));
    expect(detail.attempts.map((attempt) => attempt.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('after a lost answer, finds the item on the timeline instead of posting it twice, then finishes the thread', async () => {
    const post = await postNow(['alpha', 'beta', 'gamma']);
    // The second POST is carried out by X, but its answer never arrives.
    testbed.sandbox.admin.injectFault({ kind: 'lost_response', skip: 1, count: 1, method: 'POST', path: '/2/tweets' });

    expect(await testbed.drainPublishJobs()).toEqual(['retrying', 'published']);

    const onX = testbed.postsOf('ada');
    expect(onX.map((item) => item.text)).toEqual(['alpha', 'beta', 'gamma']);
    expect(onX[2]!.inReplyToPostId).toBe(onX[1]!.id);
    expect(testbed.sandbox.admin.stats()).toMatchObject({ lostResponses: 1, duplicatePostsSeen: 0 });
    const detail = await getPostDetail(testbed.database.db, { workspaceId: testbed.workspaceId, postId: post.id });
    expect(detail.attempts.map((attempt) => [attempt.itemPosition, attempt.status])).toEqual([
      [0, 'succeeded'],
      [1, 'found_on_timeline'],
      [2, 'succeeded'],
    ]);
  });

  it('resumes a thread that failed at item 2 at item 2, replying to item 1, after looking for it on the timeline', async () => {
    const post = await postNow(['one', 'two', 'three']);
    testbed.sandbox.admin.injectFault({ kind: 'error', status: 503, skip: 1, count: 1, method: 'POST', path: '/2/tweets' });

    expect(await testbed.drainPublishJobs()).toEqual(['retrying', 'published']);

    const onX = testbed.postsOf('ada');
    expect(onX.map((item) => item.text)).toEqual(['one', 'two', 'three']);
    expect(onX[1]!.inReplyToPostId).toBe(onX[0]!.id);
    const detail = await getPostDetail(testbed.database.db, { workspaceId: testbed.workspaceId, postId: post.id });
    expect(detail.attempts.map((attempt) => attempt.status)).toEqual(['succeeded', 'not_on_timeline', 'succeeded', 'succeeded']);
  });

  it('fails a duplicate with a reason a person can act on, and notifies the workspace', async () => {
    testbed.sandbox.admin.post('ada', { text: 'Same old news' });
    const post = await postNow(['Same old news']);

    expect(await testbed.drainPublishJobs()).toEqual(['failed']);

    expect(await statusOf(post.id)).toEqual({ status: 'failed', reason: 'X rejected the post: duplicate content.' });
    const [notice] = await testbed.database.db.select().from(notifications).where(eq(notifications.userId, testbed.userId));
    expect(notice).toMatchObject({ kind: 'post.failed', body: 'X rejected the post: duplicate content.' });
  });

  it('says which thread items are already on X when a later one fails for good', async () => {
    testbed.sandbox.admin.post('ada', { text: 'dup' });
    const post = await postNow(['fresh start', 'dup', 'never sent']);

    await testbed.drainPublishJobs();

    expect((await statusOf(post.id))?.reason).toBe(
      'Item 2 of 3: X rejected the post: duplicate content. The first 1 of the thread is on X; retrying publishes the rest.',
    );
    expect(testbed.postsOf('ada').map((item) => item.text)).toEqual(['dup', 'fresh start']);
  });

  it('fails after the last retry when X keeps failing', async () => {
    const post = await postNow(['doomed']);
    testbed.sandbox.admin.injectFault({ kind: 'error', status: 500, method: 'POST', path: '/2/tweets', fraction: 1 });

    const outcomes = await testbed.drainPublishJobs();

    expect(outcomes.at(-1)).toBe('failed');
    expect(outcomes.filter((outcome) => outcome === 'retrying')).toHaveLength(8);
    expect((await statusOf(post.id))?.reason).toMatch(/^X kept failing after 9 tries: X had a temporary problem \(HTTP 500\)/);
    expect(testbed.postsOf('ada')).toHaveLength(0);
  });
});

describe('rate limits', () => {
  it('never sends a post when the ledger has no unit left: the post waits for the window\'s reset', async () => {
    const [account] = await testbed.database.db.select({ xUserId: xAccounts.xUserId }).from(xAccounts).where(eq(xAccounts.id, accountId));
    const resetAt = new Date(Date.now() + 10 * 60_000);
    await testbed.database.db
      .insert(xRateLimitWindows)
      .values({ scope: `user:${account!.xUserId}`, endpoint: 'POST /2/tweets', limit: 100, remaining: 0, resetAt });
    const post = await postNow(['patience']);
    const before = testbed.requests('POST /2/tweets');

    expect(await testbed.drainPublishJobs()).toEqual(['deferred']);

    expect(testbed.requests('POST /2/tweets')).toBe(before);
    const [row] = await testbed.database.db.select().from(posts).where(eq(posts.id, post.id));
    expect(row).toMatchObject({ status: 'scheduled', statusReason: `Waiting for X's rate limit to reset at ${resetAt.toISOString().slice(11, 16)} UTC.` });
    const job = await testbed.boss.getJobById('posts.publish', row!.publishJobId!);
    expect(job?.startAfter).toEqual(resetAt);
    expect(testbed.sandbox.admin.stats().overLimitAttempts).toBe(0);
  });
});

describe('jobs that are no longer the post\'s', () => {
  it('stands down when the post was rescheduled after its job was created', async () => {
    const post = await postNow(['moved']);
    await reschedulePost(testbed.database.db, testbed.publishing, {
      workspaceId: testbed.workspaceId,
      postId: post.id,
      scheduledAt: new Date(Date.now() + 3_600_000),
    });

    expect(await testbed.drainPublishJobs()).toEqual(['stood_down']);
    expect(testbed.postsOf('ada')).toHaveLength(0);
    expect((await statusOf(post.id))?.status).toBe('scheduled');
  });

  it('holds posts while the account\'s queue is paused and publishes them once resumed', async () => {
    await testbed.database.db.update(xAccounts).set({ queuePaused: true }).where(eq(xAccounts.id, accountId));
    const post = await postNow(['after the break']);

    expect(await testbed.drainPublishJobs()).toEqual(['held']);
    expect((await statusOf(post.id))?.reason).toBe('Held: the queue of @ada is paused. Resume it to publish.');

    await testbed.database.db.update(xAccounts).set({ queuePaused: false }).where(eq(xAccounts.id, accountId));
    expect(await releaseHeldPosts(testbed.database.db, testbed.publishing, { accountId })).toBe(1);
    expect(await testbed.drainPublishJobs()).toEqual(['published']);
    expect(testbed.postsOf('ada').map((item) => item.text)).toEqual(['after the break']);
  });
});
