import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post, RouterOutputs } from '../src/index.ts';
import { appUnderTest, pngBytes, uniqueUsername, type TokenHolder } from './app/app-under-test.ts';
import { tweetflow } from './cli/run-tweetflow.ts';

const app = appUnderTest();
let folder: string;
let holder: TokenHolder;
let username: string;
/** The login as scripts pass it, through the environment. */
let env: Record<string, string>;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'tweetflow-cli-'));
  holder = await app.createTokenHolder('editor');
  username = uniqueUsername('cli');
  await app.connectXAccount(holder, username);
  env = { TWEETFLOW_URL: app.url, TWEETFLOW_TOKEN: holder.token, TWEETFLOW_CONFIG_DIR: path.join(folder, 'unused-config') };
});
afterAll(async () => {
  await app.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the tweetflow CLI', () => {
  it('logs in once (the token checked, then saved readable only by its owner) and later commands use the saved login', async () => {
    const configDir = path.join(folder, 'config');
    const login = await tweetflow(['login', '--url', app.url, '--token', holder.token, '--json'], { TWEETFLOW_CONFIG_DIR: configDir });
    expect(login.code).toBe(0);
    expect(login.json()).toMatchObject({ url: app.url, workspace: { id: holder.workspaceId }, configFile: path.join(configDir, 'config.json') });
    expect((await stat(path.join(configDir, 'config.json'))).mode & 0o777).toBe(0o600);

    const accounts = await tweetflow(['accounts', 'list'], { TWEETFLOW_CONFIG_DIR: configDir });
    expect(accounts.code).toBe(0);
    expect(accounts.stdout).toContain(`@${username}`);
  });

  it('schedules a thread from a file with an image, waits for it to publish, and prints the published post as JSON', async () => {
    const threadFile = path.join(folder, 'thread.txt');
    const texts = [`CLI thread ${username}: part one`, `CLI thread ${username}: part two\n\nwith a second paragraph`];
    await writeFile(threadFile, `${texts[0]}\n---\n${texts[1]}\n`);
    const image = path.join(folder, 'chart.png');
    await writeFile(image, pngBytes());

    const run = await tweetflow(['posts', 'schedule', '--account', `@${username}`, '--now', '--thread-file', threadFile, '--media', image, '--watch', '--json'], env);

    expect(run.code).toBe(0);
    const post = run.json<Post>();
    expect(post).toMatchObject({ status: 'published', account: { username } });
    expect(post.items.map((item) => item.text)).toEqual(texts);
    expect(post.items[0]!.media).toEqual([expect.objectContaining({ fileName: 'chart.png', kind: 'image' })]);
    const timeline = await app.timelineOf(username);
    expect(timeline.filter((tweet) => tweet.text.startsWith(`CLI thread ${username}`)).map((tweet) => [tweet.text, tweet.mediaCount])).toEqual([
      [texts[0], 1],
      [texts[1], 0],
    ]);
  });

  it('schedules at a local time in a zone, lists it in the calendar range and cancels it', async () => {
    const year = new Date().getFullYear() + 1;
    const scheduled = await tweetflow(['posts', 'schedule', '--account', username, '--at', `${year}-01-15 18:30`, '--tz', 'America/New_York', 'Winter webinar tonight', '--json'], env);
    expect(scheduled.code).toBe(0);
    const post = scheduled.json<Post>();
    // New York in January is UTC−5.
    expect(post).toMatchObject({ status: 'scheduled', scheduledAt: `${year}-01-15T23:30:00.000Z`, timezone: 'America/New_York' });

    const listed = await tweetflow(['posts', 'list', '--from', `${year}-01-15`, '--to', `${year}-01-16`, '--json'], env);
    expect(listed.json<{ posts: Post[] }>().posts.map((item) => item.id)).toEqual([post.id]);

    const table = await tweetflow(['posts', 'list', '--status', 'scheduled'], env);
    expect(table.stdout).toMatch(new RegExp(`${post.id}\\s+scheduled\\s+${year}-01-15 18:30 America/New_York\\s+@${username}\\s+Winter webinar tonight`));

    const cancelled = await tweetflow(['posts', 'cancel', post.id, '--json'], env);
    expect(cancelled.json<Post>().status).toBe('draft');
  });

  it('imports a CSV: a file with a bad row is refused with its report (exit 2), a good one is scheduled with --yes', async () => {
    const year = new Date().getFullYear() + 1;
    const bad = path.join(folder, 'bad.csv');
    await writeFile(bad, `text,time,timezone,account\nGood row,${year}-03-01 10:00,Europe/Berlin,@${username}\nBad row,tomorrow-ish,Europe/Berlin,@nobody_here\n`);
    const refused = await tweetflow(['posts', 'import', bad, '--yes', '--json'], env);
    expect(refused.code).toBe(2);
    const report = refused.json<{ report: RouterOutputs['imports']['previewCsv']; created: number }>();
    expect(report.created).toBe(0);
    expect(report.report.rows.map((row) => [row.line, row.ok])).toEqual([
      [2, true],
      [3, false],
    ]);

    const good = path.join(folder, 'good.csv');
    await writeFile(good, `text,time,timezone,account\nSpring one,${year}-03-01 10:00,Europe/Berlin,@${username}\nSpring two,${year}-03-02 10:00,Europe/Berlin,@${username}\n`);
    const notOnATerminal = await tweetflow(['posts', 'import', good], env);
    expect(notOnATerminal.code).toBe(1);
    expect(notOnATerminal.stderr).toContain('pass --yes');

    const imported = await tweetflow(['posts', 'import', good, '--yes', '--json'], env);
    expect(imported.code).toBe(0);
    expect(imported.json<{ created: number; postIds: string[] }>()).toMatchObject({ created: 2, postIds: [expect.any(String), expect.any(String)] });
  });

  it('sums up analytics for a range of days, per account', async () => {
    const summary = await tweetflow(['analytics', 'summary', '--from', '2026-11-01', '--to', '2026-11-07', '--json'], env);
    expect(summary.code).toBe(0);
    expect(summary.json()).toMatchObject({
      range: { from: '2026-11-01', to: '2026-11-07', previous: { from: '2026-10-25', to: '2026-10-31' } },
      accounts: [expect.objectContaining({ username })],
    });

    const table = await tweetflow(['analytics', 'summary', '--days', '7'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^impressions\s/m);
    expect(table.stdout).toMatch(new RegExp(`^@${username}\\s`, 'm'));
  });

  it('tells a script what went wrong in how it was called (exit 1)', async () => {
    const noTime = await tweetflow(['posts', 'schedule', '--account', `@${username}`, 'No time given'], env);
    expect(noTime.code).toBe(1);
    expect(noTime.stderr).toContain('Say when, with exactly one of --at');

    const unknownAccount = await tweetflow(['posts', 'schedule', '--account', '@someone_else', '--now', 'Hello', '--json'], env);
    expect(unknownAccount.code).toBe(1);
    expect(unknownAccount.stdout).toBe('');
    expect(JSON.parse(unknownAccount.stderr)).toEqual({ error: { message: `No X account @someone_else is connected to this workspace (connected: @${username}).` } });

    const notLoggedIn = await tweetflow(['accounts', 'list'], { TWEETFLOW_CONFIG_DIR: path.join(folder, 'nobody') });
    expect(notLoggedIn.code).toBe(1);
    expect(notLoggedIn.stderr).toContain('Not logged in: run `tweetflow login');
  });
});
