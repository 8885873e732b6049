import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { signWebhookPayload } from '../src/index';
import { expectMatchesOpenApi } from './openapi/validate';
import { call, connectedUser, sandboxForTest } from './support';

const X_401 = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
const X_403_DUPLICATE = {
  detail: 'You are not allowed to create a Tweet with duplicate content.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};

describe('responses match X’s OpenAPI document', () => {
  it('users, posts, timelines, search, likes and reposts', async () => {
    const sandbox = await sandboxForTest();
    const { user, tokens } = connectedUser(sandbox, 'spec');
    const other = connectedUser(sandbox, 'other');
    const token = tokens.access_token;
    const check = async (method: string, route: string, path: string, body?: unknown, status = 200) => {
      const response = await call(sandbox, token, method, path, body);
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expectMatchesOpenApi(method, route, status, response.body);
      return response.body;
    };
    const userFields = 'user.fields=public_metrics,profile_image_url,created_at,description,verified';
    await check('GET', '/2/users/me', `/2/users/me?${userFields}`);
    await check('GET', '/2/users/{id}', `/2/users/${other.user.id}?${userFields}`);
    await check('GET', '/2/users/{id}', '/2/users/42');
    await check('GET', '/2/users/by/username/{username}', '/2/users/by/username/other');

    const created = await check('POST', '/2/tweets', '/2/tweets', { text: 'hello @other #launch' }, 201);
    const id = created.data.id as string;
    await check('POST', '/2/tweets', '/2/tweets', { text: 'a reply', reply: { in_reply_to_tweet_id: id } }, 201);
    await check('POST', '/2/tweets', '/2/tweets', { text: 'a poll', poll: { options: ['yes', 'no'], duration_minutes: 60 } }, 201);
    await check('POST', '/2/tweets', '/2/tweets', { text: 'a quote', quote_tweet_id: id }, 201);
    const fields = 'tweet.fields=author_id,created_at,conversation_id,public_metrics,non_public_metrics,organic_metrics,referenced_tweets,attachments,in_reply_to_user_id';
    await check('GET', '/2/tweets', `/2/tweets?ids=${id},1&${fields}`);
    await check('GET', '/2/tweets/{id}', `/2/tweets/${id}?${fields}`);
    await check('GET', '/2/users/{id}/tweets', `/2/users/${user.id}/tweets?max_results=5&${fields}`);
    await check('GET', '/2/users/{id}/mentions', `/2/users/${other.user.id}/mentions?${fields}`);
    await check('GET', '/2/tweets/search/recent', `/2/tweets/search/recent?query=%23launch&${fields}`);
    await check('POST', '/2/users/{id}/likes', `/2/users/${user.id}/likes`, { tweet_id: id });
    await check('DELETE', '/2/users/{id}/likes/{tweet_id}', `/2/users/${user.id}/likes/${id}`);
    await check('POST', '/2/users/{id}/retweets', `/2/users/${user.id}/retweets`, { tweet_id: id });
    await check('DELETE', '/2/users/{id}/retweets/{source_tweet_id}', `/2/users/${user.id}/retweets/${id}`);
    await check('DELETE', '/2/tweets/{id}', `/2/tweets/${id}`);
    await check('POST', '/2/tweets', '/2/tweets', { text: 'x'.repeat(281) }, 400);
    await check('GET', '/2/users/{id}/tweets', `/2/users/${user.id}/tweets?max_results=500`, undefined, 400);
  });

  it('media upload, chunked and one-shot', async () => {
    const sandbox = await sandboxForTest();
    const { tokens } = connectedUser(sandbox, 'media');
    const authorization = `Bearer ${tokens.access_token}`;
    const initialized = await call(sandbox, tokens.access_token, 'POST', '/2/media/upload/initialize', {
      media_type: 'video/mp4',
      total_bytes: 10,
      media_category: 'tweet_video',
    });
    expectMatchesOpenApi('POST', '/2/media/upload/initialize', 200, initialized.body);
    const id = initialized.body.data.id as string;
    const form = new FormData();
    form.set('segment_index', '0');
    form.set('media', new Blob([Buffer.alloc(10)]));
    const appended = await fetch(`${sandbox.url}/2/media/upload/${id}/append`, { method: 'POST', headers: { authorization }, body: form });
    expectMatchesOpenApi('POST', '/2/media/upload/{id}/append', 200, await appended.json());
    const finalized = await call(sandbox, tokens.access_token, 'POST', `/2/media/upload/${id}/finalize`);
    expectMatchesOpenApi('POST', '/2/media/upload/{id}/finalize', 200, finalized.body);
    expect(finalized.body.data.processing_info.state).toBe('pending');
    const status = await call(sandbox, tokens.access_token, 'GET', `/2/media/upload?command=STATUS&media_id=${id}`);
    expectMatchesOpenApi('GET', '/2/media/upload', 200, status.body);

    const oneShot = new FormData();
    oneShot.set('media', new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])]), 'pixel.png');
    oneShot.set('media_category', 'tweet_image');
    const uploaded = await fetch(`${sandbox.url}/2/media/upload`, { method: 'POST', headers: { authorization }, body: oneShot });
    const body = (await uploaded.json()) as { data: { media_key: string } };
    expectMatchesOpenApi('POST', '/2/media/upload', 200, body);
    expect(body.data.media_key).toMatch(/^3_/);

    const described = await call(sandbox, tokens.access_token, 'POST', '/2/media/metadata', { id, metadata: { alt_text: { text: 'A dancing cat' } } });
    expectMatchesOpenApi('POST', '/2/media/metadata', 200, described.body);
    expect(described.body.data.associated_metadata.alt_text.text).toBe('A dancing cat');
    const tooLong = await call(sandbox, tokens.access_token, 'POST', '/2/media/metadata', { id, metadata: { alt_text: { text: 'x'.repeat(1001) } } });
    expect(tooLong.status).toBe(400);
    const stranger = connectedUser(sandbox, 'stranger');
    expect((await call(sandbox, stranger.tokens.access_token, 'POST', '/2/media/metadata', { id, metadata: { alt_text: { text: 'mine now' } } })).status).toBe(404);
  });

  it('webhooks and subscriptions', async () => {
    const sandbox = await sandboxForTest();
    const { tokens } = connectedUser(sandbox, 'hooked');
    const receiver = createServer((request, response) => {
      const token = new URL(request.url ?? '/', 'http://local').searchParams.get('crc_token') ?? '';
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ response_token: signWebhookPayload('tweetflow-dev-secret', token) }));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address() as { port: number };
    try {
      const token = tokens.access_token;
      const created = await call(sandbox, token, 'POST', '/2/webhooks', { url: `http://127.0.0.1:${address.port}/hook` });
      expectMatchesOpenApi('POST', '/2/webhooks', 200, created.body);
      const id = created.body.data.id as string;
      expectMatchesOpenApi('GET', '/2/webhooks', 200, (await call(sandbox, token, 'GET', '/2/webhooks')).body);
      const path = `/2/account_activity/webhooks/${id}/subscriptions`;
      expectMatchesOpenApi('POST', '/2/account_activity/webhooks/{webhook_id}/subscriptions/all', 200, (await call(sandbox, token, 'POST', `${path}/all`, {})).body);
      expectMatchesOpenApi('GET', '/2/account_activity/webhooks/{webhook_id}/subscriptions/all', 200, (await call(sandbox, token, 'GET', `${path}/all`)).body);
      const userId = sandbox.admin.users()[0]?.id ?? '';
      expectMatchesOpenApi('DELETE', '/2/account_activity/webhooks/{webhook_id}/subscriptions/{user_id}/all', 200, (await call(sandbox, token, 'DELETE', `${path}/${userId}/all`)).body);
      expectMatchesOpenApi('PUT', '/2/webhooks/{webhook_id}', 200, (await call(sandbox, token, 'PUT', `/2/webhooks/${id}`)).body);
      expectMatchesOpenApi('DELETE', '/2/webhooks/{webhook_id}', 200, (await call(sandbox, token, 'DELETE', `/2/webhooks/${id}`)).body);
    } finally {
      receiver.close();
    }
  });
});

describe('error bodies are exactly X’s', () => {
  it('401 without a valid token, 403 for duplicate content, 404 problem for unknown routes', async () => {
    const sandbox = await sandboxForTest();
    const { tokens } = connectedUser(sandbox, 'errs');
    const noToken = await call(sandbox, 'not-a-token', 'GET', '/2/users/me');
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('content-type')).toContain('application/problem+json');
    expect(noToken.body).toStrictEqual(X_401);

    await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: 'same words' });
    const duplicate = await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: 'same words' });
    expect(duplicate.status).toBe(403);
    expect(duplicate.body).toStrictEqual(X_403_DUPLICATE);
    expect(sandbox.admin.stats().duplicatePostsSeen).toBe(1);

    const unknown = await call(sandbox, tokens.access_token, 'GET', '/2/nothing/here');
    expect(unknown.status).toBe(404);
    expectMatchesOpenApi('GET', '/2/users/me', 404, unknown.body);
    expect(unknown.body.type).toBe('https://api.twitter.com/2/problems/resource-not-found');
  });

  it('never answers with HTML or a stack trace, even for a malformed body', async () => {
    const sandbox = await sandboxForTest();
    const { tokens } = connectedUser(sandbox, 'broken');
    const response = await fetch(`${sandbox.url}/2/tweets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
      body: '{"text": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { type: string };
    expect(body.type).toBe('https://api.twitter.com/2/problems/invalid-request');
    expect(JSON.stringify(body)).not.toMatch(/\.ts:\d+/);
  });
});
