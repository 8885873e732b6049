import type { TRPCError } from '@trpc/server';
import { connectXAccount, openWorkspaceEvents, storeMedia } from '@tweetflow/core';
import { startSandbox, type RunningSandbox } from '@tweetflow/x-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApiError } from '../errors';
import { createApiHarness, type ApiHarness, type Person } from '../testing/harness';

let sandbox: RunningSandbox;
let harness: ApiHarness;
let owner: Person;
let accountId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  harness = await createApiHarness({ xApiBaseUrl: sandbox.url });
  owner = await harness.signUpPerson('Owner');
  sandbox.admin.createUser({ username: 'owner_x' });
  const issued = sandbox.admin.issueToken('owner_x');
  const account = await connectXAccount(harness.database.db, harness.deps.xAccounts, {
    workspaceId: owner.workspaceId,
    userId: owner.userId,
    tokens: {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token ?? null,
      accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
      scopes: issued.scope.split(' '),
    },
  });
  accountId = account.id;
});
afterAll(async () => {
  await harness.close();
  await sandbox.stop();
});

const content = (texts: string[]) => ({ accountId, items: texts.map((text) => ({ text, mediaIds: [] })) });

describe('posts router', () => {
  it('schedules a thread at a local time in a zone, lists it in that range, and moves it', async () => {
    const post = await owner.api.posts.create({
      workspaceId: owner.workspaceId,
      content: content(['Hello', 'World']),
      timing: { kind: 'at', localDateTime: '2099-07-01T09:00', timezone: 'Europe/Berlin' },
    });
    expect(post).toMatchObject({ status: 'scheduled', timezone: 'Europe/Berlin', scheduledAt: new Date('2099-07-01T07:00:00Z') });
    expect(post.items.map((item) => item.text)).toEqual(['Hello', 'World']);
    expect(post.account?.username).toBe('owner_x');

    const july = await owner.api.posts.list({ workspaceId: owner.workspaceId, from: new Date('2099-07-01T00:00:00Z'), to: new Date('2099-08-01T00:00:00Z') });
    expect(july.posts.map((listed) => listed.id)).toEqual([post.id]);

    const moved = await owner.api.posts.reschedule({ workspaceId: owner.workspaceId, postId: post.id, scheduledAt: new Date('2099-07-02T10:00:00Z') });
    expect(moved.scheduledAt).toEqual(new Date('2099-07-02T10:00:00Z'));
    const unscheduled = await owner.api.posts.unschedule({ workspaceId: owner.workspaceId, postId: post.id });
    expect(unscheduled.status).toBe('draft');
  });

  it('lists the newest posts first, page by page, each item with its media in order', async () => {
    const upload = (fileName: string) =>
      storeMedia(harness.database.db, harness.deps.media, { workspaceId: owner.workspaceId, userId: owner.userId, fileName, mimeType: 'image/png', bytes: new Uint8Array(64) });
    const [first, second] = [await upload('first.png'), await upload('second.png')];
    const thread = await owner.api.posts.create({
      workspaceId: owner.workspaceId,
      content: { accountId, items: [{ text: 'Look', mediaIds: [first.id, second.id] }, { text: 'No picture', mediaIds: [] }] },
      timing: { kind: 'draft' },
    });
    const newest = await owner.api.posts.create({ workspaceId: owner.workspaceId, content: content(['Newest']), timing: { kind: 'draft' } });

    const page = await owner.api.posts.list({ workspaceId: owner.workspaceId, limit: 1 });
    expect(page.posts).toEqual([newest]);
    const next = await owner.api.posts.list({ workspaceId: owner.workspaceId, limit: 1, cursor: page.nextCursor });
    expect(next.posts).toEqual([thread]);
    expect(next.posts[0]!.items.map((item) => item.media.map((file) => file.fileName))).toEqual([['first.png', 'second.png'], []]);
  });

  it('shows a month on the calendar by time, page by page, with each thread\'s first text and length', async () => {
    const at = (localDateTime: string) => ({ kind: 'at' as const, localDateTime, timezone: 'UTC' });
    const later = await owner.api.posts.create({ workspaceId: owner.workspaceId, content: content(['Later']), timing: at('2099-03-20T09:00') });
    const thread = await owner.api.posts.create({ workspaceId: owner.workspaceId, content: content(['Opening', 'Closing']), timing: at('2099-03-02T09:00') });
    await owner.api.posts.create({ workspaceId: owner.workspaceId, content: content(['Next month']), timing: at('2099-04-01T09:00') });
    await owner.api.posts.create({ workspaceId: owner.workspaceId, content: content(['Undated']), timing: { kind: 'draft' } });

    const march = { workspaceId: owner.workspaceId, from: new Date('2099-03-01T00:00:00Z'), to: new Date('2099-04-01T00:00:00Z'), limit: 1 };
    const first = await owner.api.posts.calendar(march);
    expect(first.posts).toEqual([
      {
        id: thread.id,
        status: 'scheduled',
        statusReason: null,
        scheduledAt: new Date('2099-03-02T09:00:00Z').getTime(),
        publishedAt: null,
        timezone: 'UTC',
        accountId,
        firstText: 'Opening',
        itemCount: 2,
      },
    ]);
    expect(first.accounts).toEqual([{ id: accountId, username: 'owner_x', profileImageUrl: thread.account!.profileImageUrl }]);
    const second = await owner.api.posts.calendar({ ...march, cursor: first.nextCursor });
    expect(second.posts.map((post) => [post.id, post.firstText, post.itemCount])).toEqual([[later.id, 'Later', 1]]);
    expect(second.nextCursor).toBeNull();

    // The entry is the post's own summary of its thread: an edit of the thread changes it.
    await owner.api.posts.update({ workspaceId: owner.workspaceId, postId: thread.id, content: content(['Rewritten', 'Two', 'Three']), timing: at('2099-03-02T09:00') });
    const edited = await owner.api.posts.calendar({ ...march, limit: 10 });
    expect(edited.posts.map((post) => [post.id, post.firstText, post.itemCount])).toEqual([[thread.id, 'Rewritten', 3], [later.id, 'Later', 1]]);
  });

  it('saves the alt text of attached media, which a post then shows; refuses text X would cut and files of other workspaces', async () => {
    const image = await storeMedia(harness.database.db, harness.deps.media, { workspaceId: owner.workspaceId, userId: owner.userId, fileName: 'stage.png', mimeType: 'image/png', bytes: new Uint8Array(64) });
    await expect(owner.api.media.describe({ workspaceId: owner.workspaceId, descriptions: [{ mediaId: image.id, altText: '  The team on stage  ' }] })).resolves.toEqual({ described: 1 });
    const post = await owner.api.posts.create({ workspaceId: owner.workspaceId, content: { accountId, items: [{ text: 'On stage', mediaIds: [image.id] }] }, timing: { kind: 'draft' } });
    expect(post.items[0]!.media.map((file) => file.altText)).toEqual(['The team on stage']);

    const tooLong = await owner.api.media.describe({ workspaceId: owner.workspaceId, descriptions: [{ mediaId: image.id, altText: 'x'.repeat(1001) }] }).catch((error: unknown) => error);
    const shape = formatApiError({ error: tooLong as TRPCError, shape: { code: -32600, message: '', data: { code: 'BAD_REQUEST', httpStatus: 400 } } });
    expect(shape.data.issues).toEqual(['descriptions.0.altText: Alt text is at most 1000 characters; X keeps no more.']);

    const outsider = await harness.signUpPerson('Describer');
    await expect(outsider.api.media.describe({ workspaceId: outsider.workspaceId, descriptions: [{ mediaId: image.id, altText: 'not mine' }] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'A media file to describe does not exist in this workspace; upload it again.',
    });
    const again = await owner.api.posts.get({ workspaceId: owner.workspaceId, postId: post.id });
    expect(again.items[0]!.media.map((file) => file.altText)).toEqual(['The team on stage']);
  });

  it('explains each invalid item in words and refuses a time that has passed', async () => {
    const invalid = await owner.api.posts
      .create({ workspaceId: owner.workspaceId, content: content(['fine', 'x'.repeat(300)]), timing: { kind: 'draft' } })
      .catch((error: unknown) => error);
    const shape = formatApiError({ error: invalid as TRPCError, shape: { code: -32600, message: '', data: { code: 'BAD_REQUEST', httpStatus: 400 } } });
    expect(shape.data.issues).toEqual([
      'content.items.1.text: The post is 300 characters as X counts them; the limit is 280. Shorten it by 20.',
    ]);

    await expect(
      owner.api.posts.create({
        workspaceId: owner.workspaceId,
        content: content(['late']),
        timing: { kind: 'at', localDateTime: '2001-01-01T09:00', timezone: 'UTC' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '2001-01-01 09:00 in UTC has already passed; pick a later time or post now.' });
  });

  it('keeps other workspaces out and viewers read-only', async () => {
    const outsider = await harness.signUpPerson('Outsider');
    await expect(
      outsider.api.posts.create({ workspaceId: outsider.workspaceId, content: content(['not mine']), timing: { kind: 'draft' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'That X account is not connected to this workspace; choose one of its accounts.' });
    await expect(outsider.api.posts.list({ workspaceId: owner.workspaceId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('streams a post\'s status changes to a subscriber of its workspace', async () => {
    const controller = new AbortController();
    const stream = await openWorkspaceEvents(harness.deps.events, owner.workspaceId, controller.signal);
    const first = stream.next();
    const post = await owner.api.posts.create({ workspaceId: owner.workspaceId, content: content(['live']), timing: { kind: 'draft' } });
    const event = await first;
    controller.abort();
    expect(event.value).toMatchObject({ type: 'post.changed', postId: post.id, status: 'draft' });
  });
});
