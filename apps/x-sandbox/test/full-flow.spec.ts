import http from 'node:http';
import { baseUrlPlugin, createXClient, createXOAuth, X_SCOPES } from '@tweetflow/x';
import { OAuth2RequestError } from 'arctic';
import { ApiResponseError, TwitterApi } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { approveOnAuthorizePage, DEV_CREDENTIALS, DEV_REDIRECT, pkcePair, sandboxForTest } from './support';

describe('a TweetFlow account, end to end through the unmodified libraries', () => {
  it('authorizes, posts a thread with media, reads metrics, refreshes and revokes', async () => {
    const sandbox = await sandboxForTest();
    const oauth = createXOAuth({ ...DEV_CREDENTIALS, apiBaseUrl: sandbox.url });
    const { verifier } = pkcePair();

    const link = oauth.authorizationUrl('state-123', verifier, X_SCOPES);
    expect(link.origin + link.pathname).toBe(`${sandbox.url}/i/oauth2/authorize`);
    const callback = await approveOnAuthorizePage(link.toString(), { newUsername: 'maker' });
    expect(callback.origin + callback.pathname).toBe(DEV_REDIRECT);
    expect(callback.searchParams.get('state')).toBe('state-123');

    const tokens = await oauth.exchangeCode(callback.searchParams.get('code') ?? '', verifier);
    expect(tokens.scopes).toEqual([...X_SCOPES]);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.accessTokenExpiresAt.getTime() - Date.now()).toBeGreaterThan(7_100_000);

    const x = createXClient({ accessToken: tokens.accessToken, apiBaseUrl: sandbox.url });
    const me = await x.v2.me({ 'user.fields': ['public_metrics', 'created_at'] });
    expect(me.data.username).toBe('maker');

    const first = await x.v2.tweet('Launching today: a thread 🧵');
    const second = await x.v2.reply('Part two, with the details.', first.data.id);
    expect((first.data as { edit_history_tweet_ids?: string[] }).edit_history_tweet_ids).toEqual([first.data.id]);

    const image = await x.v2.uploadMedia(Buffer.alloc(1_800_000, 7), { media_type: 'image/png' });
    const video = await x.v2.uploadMedia(Buffer.alloc(2_300_000, 9), { media_type: 'video/mp4', media_category: 'tweet_video' });
    const withMedia = await x.v2.reply('Screenshots and a demo', second.data.id, { media: { media_ids: [image, video] } });

    const thread = await x.v2.tweets([first.data.id, second.data.id, withMedia.data.id], {
      'tweet.fields': ['conversation_id', 'attachments', 'public_metrics', 'non_public_metrics', 'organic_metrics'],
    });
    expect(thread.data.map((post) => post.conversation_id)).toEqual([first.data.id, first.data.id, first.data.id]);
    expect(thread.data[2]?.attachments?.media_keys).toEqual([`3_${image}`, `7_${video}`]);
    expect(thread.data[0]?.public_metrics).toMatchObject({ reply_count: expect.any(Number), impression_count: expect.any(Number) });
    expect(thread.data[0]?.non_public_metrics).toMatchObject({ impression_count: expect.any(Number) });
    expect(thread.errors).toBeUndefined();

    const refreshed = await oauth.refresh(tokens.refreshToken ?? '');
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    await expect(oauth.refresh(tokens.refreshToken ?? '')).rejects.toBeInstanceOf(OAuth2RequestError);

    const fresh = createXClient({ accessToken: refreshed.accessToken, apiBaseUrl: sandbox.url });
    expect((await fresh.v2.me()).data.id).toBe(me.data.id);
    await oauth.revoke(refreshed.accessToken);
    const afterRevoke = await fresh.v2.me().catch((error: unknown) => error);
    expect(afterRevoke).toBeInstanceOf(ApiResponseError);
    expect((afterRevoke as ApiResponseError).code).toBe(401);
    expect(sandbox.admin.stats().revokedTokens).toBe(1);
  });

  it('accepts twitter-api-v2 own OAuth flow (JSON body, Basic and body credentials, lowercase s256)', async () => {
    const sandbox = await sandboxForTest();
    const settings = { plugins: [baseUrlPlugin(sandbox.url)], httpAgent: new http.Agent() };
    const app = new TwitterApi({ clientId: DEV_CREDENTIALS.clientId, clientSecret: DEV_CREDENTIALS.clientSecret }, settings);
    const link = app.generateOAuth2AuthLink(DEV_REDIRECT, { scope: ['tweet.read', 'users.read', 'offline.access'], state: 'abc' });
    expect(link.url.startsWith(`${sandbox.url}/i/oauth2/authorize?`)).toBe(true);
    const callback = await approveOnAuthorizePage(link.url, { newUsername: 'libuser' });

    const login = await app.loginWithOAuth2({
      code: callback.searchParams.get('code') ?? '',
      codeVerifier: link.codeVerifier,
      redirectUri: DEV_REDIRECT,
    });
    expect(login.scope).toEqual(['tweet.read', 'users.read', 'offline.access']);
    expect(login.expiresIn).toBe(7200);
    const refreshed = await app.refreshOAuth2Token(login.refreshToken ?? '');
    expect((await refreshed.client.v2.me()).data.username).toBe('libuser');
    await expect(app.refreshOAuth2Token(login.refreshToken ?? '')).rejects.toMatchObject({
      code: 400,
      data: { error: 'invalid_request' },
    });
  });
});
