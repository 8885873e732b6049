import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTweetFlowClient, TweetFlowError, uploadMedia } from '../src/index.ts';
import { appUnderTest, pngBytes, uniqueUsername } from './app/app-under-test.ts';
import { tweetflow } from './cli/run-tweetflow.ts';

const app = appUnderTest();
afterAll(() => app.close());

describe('what a token may do', () => {
  it('a viewer token reads but cannot write: the SDK says which role is needed, the CLI exits 2', async () => {
    const viewer = await app.createTokenHolder('viewer');
    const username = uniqueUsername('view');
    const account = await app.connectXAccount(viewer, username);
    const connection = { url: app.url, token: viewer.token };
    const client = createTweetFlowClient(connection);

    expect(await client.xAccounts.list.query({ workspaceId: viewer.workspaceId })).toEqual([expect.objectContaining({ id: account.id })]);

    const create = client.posts.create.mutate({
      workspaceId: viewer.workspaceId,
      content: { accountId: account.id, items: [{ text: 'Viewers cannot post', mediaIds: [] }] },
      timing: { kind: 'now' },
    });
    await expect(create).rejects.toBeInstanceOf(TweetFlowError);
    await expect(create).rejects.toMatchObject({
      code: 'FORBIDDEN',
      httpStatus: 403,
      isRefusal: true,
      message: 'This needs the editor role; you are a viewer in this workspace.',
    });

    const upload = uploadMedia(connection, { workspaceId: viewer.workspaceId, file: pngBytes(), fileName: 'chart.png' });
    await expect(upload).rejects.toMatchObject({ code: 'FORBIDDEN', httpStatus: 403, message: 'This needs the editor role; you are a viewer in this workspace.' });

    const cli = await tweetflow(['posts', 'schedule', '--account', `@${username}`, '--now', 'Viewers cannot post', '--json'], { TWEETFLOW_URL: app.url, TWEETFLOW_TOKEN: viewer.token });
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe('');
    expect(JSON.parse(cli.stderr)).toMatchObject({ error: { code: 'FORBIDDEN', httpStatus: 403, message: 'This needs the editor role; you are a viewer in this workspace.' } });
    expect(await app.timelineOf(username)).toEqual([]);
  });

  it('a revoked token is refused everywhere with a sentence saying so', async () => {
    const holder = await app.createTokenHolder('editor');
    const client = createTweetFlowClient({ url: app.url, token: holder.token });
    expect(await client.workspaces.list.query()).toHaveLength(1);
    await app.revokeToken(holder);
    const revoked = 'This API token was revoked. Create a new one in Settings → API tokens.';

    await expect(client.workspaces.list.query()).rejects.toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, message: revoked });
    const events = new Promise((resolve, reject) => client.events.workspace.subscribe({ workspaceId: holder.workspaceId }, { onData: resolve, onError: reject }));
    await expect(events).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: revoked });

    const cli = await tweetflow(['accounts', 'list'], { TWEETFLOW_URL: app.url, TWEETFLOW_TOKEN: holder.token });
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(`Error: ${revoked}`);
  });

  it('a server that cannot be reached is exit 3 for the CLI', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const cli = await tweetflow(['accounts', 'list'], { TWEETFLOW_URL: nowhere, TWEETFLOW_TOKEN: 'tfp_unused' });
    expect(cli.code).toBe(3);
    expect(cli.stderr.trim()).toBe(`Error: Could not reach TweetFlow at ${nowhere} (ECONNREFUSED). Check the URL and that the server is running.`);
  });
});

/** A local port nothing listens on (it was free a moment ago). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
