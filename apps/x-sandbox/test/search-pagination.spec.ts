import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/index';
import { connectedUser, sandboxForTest } from './support';

describe('timelines, mentions and search', () => {
  it('pages a timeline newest first with next and previous tokens', async () => {
    const sandbox = await sandboxForTest();
    const { user, x } = connectedUser(sandbox, 'pager');
    for (let index = 1; index <= 12; index++) sandbox.admin.post('pager', { text: `post ${index}` });
    const first = await x.v2.userTimeline(user.id, { max_results: 5 });
    expect(first.tweets.map((post) => post.text)).toEqual(['post 12', 'post 11', 'post 10', 'post 9', 'post 8']);
    expect(first.meta.previous_token).toBeUndefined();
    const second = await first.next();
    expect(second.tweets.map((post) => post.text)).toEqual(['post 7', 'post 6', 'post 5', 'post 4', 'post 3']);
    const raw = await x.v2.get('users/:id/tweets', { max_results: 5, pagination_token: second.meta.next_token }, { params: { id: user.id } });
    expect(raw.data.map((post: { text: string }) => post.text)).toEqual(['post 2', 'post 1']);
    expect(raw.meta.next_token).toBeUndefined();
    const back = await x.v2.get('users/:id/tweets', { max_results: 5, pagination_token: raw.meta.previous_token }, { params: { id: user.id } });
    expect(back.data[0].text).toBe('post 7');

    const all = await x.v2.userTimeline(user.id, { max_results: 5 });
    await all.fetchLast(100);
    expect(all.tweets).toHaveLength(12);
  });

  it('returns only posts newer than since_id on timelines, mentions and search', async () => {
    const sandbox = await sandboxForTest();
    const { user, x } = connectedUser(sandbox, 'watcher');
    sandbox.admin.createUser({ username: 'talker' });
    const old = sandbox.admin.post('talker', { text: '@watcher first sighting' });
    sandbox.admin.post('talker', { text: '@watcher second sighting' });
    const mentions = await x.v2.get('users/:id/mentions', { since_id: old.id, expansions: 'author_id' }, { params: { id: user.id } });
    expect(mentions.data.map((post: { text: string }) => post.text)).toEqual(['@watcher second sighting']);
    expect(mentions.includes.users.map((author: { username: string }) => author.username)).toEqual(['talker']);
    const search = await x.v2.get('tweets/search/recent', { query: 'sighting', since_id: old.id });
    expect(search.data.map((post: { text: string }) => post.text)).toEqual(['@watcher second sighting']);
    const timeline = await x.v2.get('users/:id/tweets', { since_id: old.id }, { params: { id: sandbox.admin.users().find((u) => u.username === 'talker')!.id } });
    expect(timeline.data.map((post: { text: string }) => post.text)).toEqual(['@watcher second sighting']);
  });

  it('lists mentions, including replies', async () => {
    const sandbox = await sandboxForTest();
    const { user, x } = connectedUser(sandbox, 'famous');
    const root = await x.v2.tweet('I made a thing');
    sandbox.admin.createUser({ username: 'friend' });
    sandbox.admin.post('friend', { text: 'congrats @famous!' });
    sandbox.admin.post('friend', { text: 'looks great', replyTo: root.data.id });
    sandbox.admin.post('friend', { text: 'unrelated' });
    const mentions = await x.v2.userMentionTimeline(user.id, { 'tweet.fields': ['author_id', 'in_reply_to_user_id'] });
    expect(mentions.tweets.map((post) => post.text)).toEqual(['looks great', 'congrats @famous!']);
    expect(mentions.tweets[0]?.in_reply_to_user_id).toBe(user.id);
  });

  it('searches words, phrases, from:, @mentions, #tags, negation and OR within seven days', async () => {
    const clock = fixedClock(Date.parse('2026-05-01T00:00:00Z'));
    const sandbox = await sandboxForTest({ clock });
    sandbox.admin.createUser({ username: 'alice' });
    sandbox.admin.createUser({ username: 'bob' });
    sandbox.admin.post('alice', { text: 'Old news about #launch' });
    clock.advance(8 * 24 * 60 * 60_000);
    const { x } = connectedUser(sandbox, 'searcher');
    sandbox.admin.post('alice', { text: 'Launch day is here #launch' });
    sandbox.admin.post('bob', { text: 'Cheering for @alice on launch day' });
    sandbox.admin.post('bob', { text: 'Lunch, not launch. #food' });
    const texts = async (query: string) => (await x.v2.search(query)).tweets.map((post) => post.text);
    expect(await texts('#launch')).toEqual(['Launch day is here #launch']);
    expect(await texts('"launch day"')).toEqual(['Cheering for @alice on launch day', 'Launch day is here #launch']);
    expect(await texts('from:bob launch')).toEqual(['Lunch, not launch. #food', 'Cheering for @alice on launch day']);
    expect(await texts('@alice')).toEqual(['Cheering for @alice on launch day']);
    expect(await texts('launch -#food -from:alice')).toEqual(['Cheering for @alice on launch day']);
    expect(await texts('#food OR #launch')).toHaveLength(2);
    expect(await texts('nothing-matches-this')).toEqual([]);
  });

  it('paginates search with next_token', async () => {
    const sandbox = await sandboxForTest();
    const { x } = connectedUser(sandbox, 'many');
    for (let index = 0; index < 25; index++) sandbox.admin.post('many', { text: `needle number ${index}` });
    const page = await x.v2.search('needle', { max_results: 10 });
    expect(page.meta.result_count).toBe(10);
    await page.fetchLast(100);
    expect(new Set(page.tweets.map((post) => post.id)).size).toBe(25);
  });
});
