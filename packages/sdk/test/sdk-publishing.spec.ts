import { afterAll, describe, expect, it } from 'vitest';
import { createTweetFlowClient, uploadMedia, watchPost, type WorkspaceEvent } from '../src/index.ts';
import { appUnderTest, pngBytes, uniqueUsername } from './app/app-under-test.ts';

const app = appUnderTest();
afterAll(() => app.close());

/** Collects a workspace's live events from the moment the stream is connected. */
async function recordEvents(client: ReturnType<typeof createTweetFlowClient>, workspaceId: string) {
  const events: WorkspaceEvent[] = [];
  let subscription: { unsubscribe(): void } | undefined;
  await new Promise<void>((resolve, reject) => {
    subscription = client.events.workspace.subscribe({ workspaceId }, { onStarted: () => resolve(), onData: (event) => events.push(event), onError: reject });
  });
  return { events, stop: () => subscription?.unsubscribe() };
}

describe('the SDK against the running app', () => {
  it('uploads an image, schedules a thread with it, follows it live to published, and X shows the thread in order', async () => {
    const holder = await app.createTokenHolder('editor');
    const username = uniqueUsername('sdk');
    const account = await app.connectXAccount(holder, username);
    const connection = { url: app.url, token: holder.token };
    const client = createTweetFlowClient(connection);
    const { workspaceId } = holder;

    const progress: number[] = [];
    const image = await uploadMedia(connection, {
      workspaceId,
      file: pngBytes(),
      fileName: 'chart.png',
      altText: 'A blue square',
      onProgress: (sent) => progress.push(sent),
    });
    expect(image).toMatchObject({ kind: 'image', mimeType: 'image/png', fileName: 'chart.png' });
    expect(progress.at(-1)).toBe(pngBytes().byteLength);

    const live = await recordEvents(client, workspaceId);
    const texts = ['SDK thread 1/3: shipped 🚀', 'SDK thread 2/3: scheduled from a script', 'SDK thread 3/3: watched live'].map((text) => `${text} ${username}`);
    const created = await client.posts.create.mutate({
      workspaceId,
      content: { accountId: account.id, items: texts.map((text, index) => ({ text, mediaIds: index === 0 ? [image.id] : [] })) },
      timing: { kind: 'now' },
    });
    const published = await watchPost(client, { workspaceId, postId: created.id }, { signal: AbortSignal.timeout(45_000) });
    live.stop();

    expect(published.status).toBe('published');
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(published.items.every((item) => item.xPostId)).toBe(true);
    expect(live.events).toContainEqual(expect.objectContaining({ type: 'post.changed', postId: created.id, status: 'published' }));

    const timeline = await app.timelineOf(username);
    expect(timeline.map((post) => post.text)).toEqual(texts);
    expect(timeline.map((post) => post.mediaCount)).toEqual([1, 0, 0]);
    expect(timeline[1]!.inReplyToPostId).toBe(timeline[0]!.id);
    expect(timeline[2]!.inReplyToPostId).toBe(timeline[1]!.id);
  });

  it('schedules at a wall-clock time in a zone, finds it in that day of the calendar, takes it off the schedule and deletes it', async () => {
    const holder = await app.createTokenHolder('editor');
    const account = await app.connectXAccount(holder, uniqueUsername('cal'));
    const client = createTweetFlowClient({ url: app.url, token: holder.token });
    const { workspaceId } = holder;
    const year = new Date().getFullYear() + 1;

    const post = await client.posts.create.mutate({
      workspaceId,
      content: { accountId: account.id, items: [{ text: 'Summer sale starts now', mediaIds: [] }] },
      timing: { kind: 'at', localDateTime: `${year}-07-01T09:00`, timezone: 'Europe/Berlin' },
    });
    // 09:00 in Berlin in July is summer time, UTC+2.
    expect(post.scheduledAt).toEqual(new Date(`${year}-07-01T07:00:00Z`));

    const day = await client.posts.list.query({ workspaceId, from: new Date(`${year}-07-01T00:00:00Z`), to: new Date(`${year}-07-02T00:00:00Z`) });
    expect(day.posts.map((listed) => listed.id)).toEqual([post.id]);

    const unscheduled = await client.posts.unschedule.mutate({ workspaceId, postId: post.id });
    expect(unscheduled.status).toBe('draft');
    await client.posts.delete.mutate({ workspaceId, postId: post.id });
    expect((await client.posts.list.query({ workspaceId })).posts).toEqual([]);
  });

  it('sends a query again after a network failure, but never a mutation, which may have reached the server', async () => {
    const holder = await app.createTokenHolder('editor');
    const sent: string[] = [];
    let failNext = true;
    const flakyFetch: typeof fetch = async (input, init) => {
      sent.push(String(input));
      if (failNext) {
        failNext = false;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      }
      return fetch(input, init);
    };
    const client = createTweetFlowClient({ url: app.url, token: holder.token, fetch: flakyFetch });

    const workspaces = await client.workspaces.list.query();
    expect(workspaces.map((workspace) => workspace.id)).toEqual([holder.workspaceId]);
    expect(sent).toHaveLength(2);

    failNext = true;
    sent.length = 0;
    const refused = client.notifications.markRead.mutate({});
    await expect(refused).rejects.toMatchObject({ name: 'TweetFlowError', code: 'NETWORK_ERROR', httpStatus: null });
    await expect(refused).rejects.toThrow(`Could not reach TweetFlow at ${app.url} (ECONNRESET)`);
    expect(sent).toHaveLength(1);
  });

  it('reports invalid input field by field', async () => {
    const holder = await app.createTokenHolder('editor');
    const account = await app.connectXAccount(holder, uniqueUsername('long'));
    const client = createTweetFlowClient({ url: app.url, token: holder.token });

    const tooLong = client.posts.create.mutate({
      workspaceId: holder.workspaceId,
      content: { accountId: account.id, items: [{ text: 'x'.repeat(300), mediaIds: [] }] },
      timing: { kind: 'now' },
    });
    await expect(tooLong).rejects.toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, path: 'posts.create', issues: [expect.stringMatching(/^content\.items\.0\.text: /)] });
  });
});
