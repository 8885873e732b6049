import { describe, expect, it } from 'vitest';
import { call, connectedUser, sandboxForTest } from './support';

describe('posting rules', () => {
  it('counts weighted length with twitter-text: 280 normally, 25,000 for premium', async () => {
    const sandbox = await sandboxForTest();
    const regular = connectedUser(sandbox, 'regular');
    const premium = connectedUser(sandbox, 'premium', true);
    const post = (token: string, text: string) => call(sandbox, token, 'POST', '/2/tweets', { text });
    expect((await post(regular.tokens.access_token, 'a'.repeat(280))).status).toBe(201);
    // CJK characters weigh two, so 141 of them are 282.
    const cjk = await post(regular.tokens.access_token, '字'.repeat(141));
    expect(cjk.status).toBe(400);
    expect(cjk.body.errors[0].message).toContain('282 weighted characters');
    // A URL always counts 23, however long it is.
    expect((await post(regular.tokens.access_token, `${'b'.repeat(250)} https://example.com/${'c'.repeat(100)}`)).status).toBe(201);
    expect((await post(premium.tokens.access_token, 'd'.repeat(25_000))).status).toBe(201);
    expect((await post(premium.tokens.access_token, 'e'.repeat(25_001))).status).toBe(400);
  });

  it('rejects mutually exclusive attachments, bad polls and replies to missing posts', async () => {
    const sandbox = await sandboxForTest();
    const { tokens } = connectedUser(sandbox, 'rules');
    const post = (body: unknown) => call(sandbox, tokens.access_token, 'POST', '/2/tweets', body);
    const root = await post({ text: 'root' });
    const both = await post({ text: 'both', quote_tweet_id: root.body.data.id, poll: { options: ['a', 'b'], duration_minutes: 10 } });
    expect(both.status).toBe(400);
    expect(both.body.type).toBe('https://api.twitter.com/2/problems/invalid-request');
    expect((await post({ text: 'one option', poll: { options: ['a'], duration_minutes: 10 } })).status).toBe(400);
    expect((await post({ text: 'long poll', poll: { options: ['a', 'b'], duration_minutes: 10_081 } })).status).toBe(400);
    expect((await post({ text: 'ghost media', media: { media_ids: ['123'] } })).status).toBe(400);
    const orphan = await post({ text: 'orphan', reply: { in_reply_to_tweet_id: '999' } });
    expect(orphan.status).toBe(403);
    expect(orphan.body.detail).toBe('You attempted to reply to a Tweet that is deleted or not visible to you.');
  });

  it('refuses media that is still processing, and deletes only own posts', async () => {
    const sandbox = await sandboxForTest();
    const owner = connectedUser(sandbox, 'owner');
    const stranger = connectedUser(sandbox, 'stranger');
    const token = owner.tokens.access_token;
    const init = await call(sandbox, token, 'POST', '/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: 4 });
    const id = init.body.data.id as string;
    const form = new FormData();
    form.set('segment_index', '0');
    form.set('media', new Blob([Buffer.alloc(4)]));
    await fetch(`${sandbox.url}/2/media/upload/${id}/append`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    await call(sandbox, token, 'POST', `/2/media/upload/${id}/finalize`);
    expect((await call(sandbox, token, 'POST', '/2/tweets', { text: 'too soon', media: { media_ids: [id] } })).status).toBe(400);
    const polls = [];
    for (let poll = 0; poll < 2; poll++) polls.push((await call(sandbox, token, 'GET', `/2/media/upload?command=STATUS&media_id=${id}`)).body.data.processing_info.state);
    expect(polls).toEqual(['in_progress', 'succeeded']);
    const withVideo = await call(sandbox, token, 'POST', '/2/tweets', { text: 'now', media: { media_ids: [id] } });
    expect(withVideo.status).toBe(201);

    const oversized = await call(sandbox, token, 'POST', '/2/media/upload/initialize', { media_type: 'image/png', total_bytes: 5 * 1024 * 1024 + 1 });
    expect(oversized.status).toBe(400);
    expect((await call(sandbox, token, 'POST', '/2/media/upload/initialize', { media_type: 'image/gif', total_bytes: 15 * 1024 * 1024 })).status).toBe(200);
    expect((await call(sandbox, token, 'POST', '/2/media/upload/initialize', { media_type: 'image/bmp', total_bytes: 10 })).status).toBe(400);

    const postId = withVideo.body.data.id as string;
    expect((await call(sandbox, stranger.tokens.access_token, 'DELETE', `/2/tweets/${postId}`)).status).toBe(403);
    expect((await call(sandbox, token, 'DELETE', `/2/tweets/${postId}`)).body).toEqual({ data: { deleted: true } });
    expect((await call(sandbox, token, 'GET', `/2/tweets/${postId}`)).body.errors[0].type).toBe('https://api.twitter.com/2/problems/resource-not-found');
    // Deleted text may be posted again.
    expect((await call(sandbox, token, 'POST', '/2/tweets', { text: 'now' })).status).toBe(201);
  });

  it('needs the right scopes', async () => {
    const sandbox = await sandboxForTest();
    const user = sandbox.admin.createUser({ username: 'readonly' });
    const { access_token } = sandbox.admin.issueToken(user.id, ['tweet.read', 'users.read']);
    const refused = await call(sandbox, access_token, 'POST', '/2/tweets', { text: 'hi' });
    expect(refused.status).toBe(403);
    expect((await call(sandbox, access_token, 'GET', '/2/users/me')).status).toBe(200);
  });
});
