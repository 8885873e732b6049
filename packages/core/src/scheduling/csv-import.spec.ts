import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts, workspaces } from '@tweetflow/db';
import { loadPostViews } from '../posts/post-view';
import { DomainError } from '../errors';
import { commitCsvImport, previewCsvImport } from './csv-import';
import { readCsvRows } from './csv-rows';
import { startSchedulingTestbed, type SchedulingTestbed } from './test-support';

describe('reading an import file', () => {
  it('finds the columns by name in any order and keeps the line each row starts on', () => {
    const csv = '\ufeffAccount, TIME ,Text,Media URL\r\n@ada,2026-12-01 09:00,"Two\r\nlines"\r\n\r\n,,\r\nada,2026-12-02T10:00,Third row,https://example.com/a.png';
    expect(readCsvRows(csv)).toEqual({
      problems: [],
      rows: [
        { line: 2, cells: { account: '@ada', time: '2026-12-01 09:00', text: 'Two\nlines', timezone: '', media_url: '' } },
        { line: 6, cells: { account: 'ada', time: '2026-12-02T10:00', text: 'Third row', timezone: '', media_url: 'https://example.com/a.png' } },
      ],
    });
  });

  it('explains files it cannot read as a whole', () => {
    expect(readCsvRows('Hello,2026-12-01 09:00,@ada\n').problems).toEqual([
      'The header row needs the columns text, time, account; it has Hello, 2026-12-01 09:00, @ada. The first row must name the columns.',
    ]);
    expect(readCsvRows('text,time,account,text\n').problems).toEqual(['The header row names the column text more than once.']);
    expect(readCsvRows('text,time,account\n').problems).toEqual(['The file has no posts below its header row.']);
    expect(readCsvRows('text,time,account\n"unclosed,2026-12-01 09:00,ada\n').problems[0]).toMatch(/^The file is not valid CSV: Quote Not Closed/);
    const tooMany = `text,time,account\n${'Hi,2026-12-01 09:00,ada\n'.repeat(501)}`;
    expect(readCsvRows(tooMany).problems).toEqual(['The file has 501 posts; import up to 500 at a time by splitting it.']);
  });
});

describe('bulk scheduling from CSV', () => {
  let testbed: SchedulingTestbed;
  let adaId: string;
  beforeAll(async () => {
    testbed = await startSchedulingTestbed({ now: new Date('2026-11-15T12:00:00Z') });
    adaId = await testbed.addAccount('Ada');
    await testbed.addAccount('grace');
    const [elsewhere] = await testbed.database.db.insert(workspaces).values({ name: 'Elsewhere' }).returning({ id: workspaces.id });
    await testbed.addAccount('eve', { workspaceId: elsewhere!.id });
  });
  afterAll(() => testbed.close());

  const importInput = (csv: string) => ({ workspaceId: testbed.workspaceId, userId: testbed.userId, csv, defaultTimezone: 'Europe/Berlin' });
  const postCount = () => testbed.database.db.$count(posts, eq(posts.workspaceId, testbed.workspaceId));

  const mixed = [
    'text,time,account,timezone,media_url',
    'Hello from the import,2026-12-01 09:00,@ada,,',
    `${'x'.repeat(290)},2026-12-01 10:00,ada,,`,
    'Not ours,2026-12-01 11:00,@eve,,',
    'Bad time,01/12/2026 9am,ada,,',
    'Too late,2026-11-01 09:00,ada,,',
    'Odd zone,2026-12-01 09:00,ada,Mars/Olympus,',
    '"Clocks jump,\nthis moves",2027-03-28 02:30,grace,,',
    'Bad link,2026-12-02 09:00,grace,,ftp://example.com/cat.png',
    'With a picture,2026-12-03 09:00,grace,UTC,https://example.com/cat.png',
    ',2026-12-04 09:00,,,',
  ].join('\n');

  it('reports every bad row by line and reason, and creates nothing', async () => {
    const report = await previewCsvImport(testbed.database.db, { ...importInput(mixed), now: testbed.deps.clock.now() });

    expect(report.problems).toEqual([]);
    expect(report.rows.filter((row) => !row.ok).map((row) => [row.line, row.problems])).toEqual([
      [3, ['The post is 290 characters as X counts them; the limit is 280. Shorten it by 10.']],
      [4, ['@eve is not connected to this workspace; connected: @Ada, @grace.']],
      [5, ['The time "01/12/2026 9am" is not in the form 2026-12-01 09:00 (year-month-day, 24-hour time).']],
      [6, ['2026-11-01 09:00 (Europe/Berlin) has already passed; choose a time in the future.']],
      [7, ['Unknown time zone "Mars/Olympus"; use an IANA zone such as Europe/Berlin, or leave it empty for Europe/Berlin.']],
      [10, ['media_url "ftp://example.com/cat.png" is not a web link; use a full http:// or https:// address, or leave it empty.']],
      [12, ['The post is empty.', 'No account: write the username of one of this workspace’s X accounts.']],
    ]);
    expect(report.rows.filter((row) => row.ok).map((row) => [row.line, row.account, row.instant?.toISOString(), row.timezone, row.warnings])).toEqual([
      [2, 'Ada', '2026-12-01T08:00:00.000Z', 'Europe/Berlin', []],
      [
        8,
        'grace',
        '2027-03-28T01:30:00.000Z',
        'Europe/Berlin',
        ['02:30 does not exist on 2027-03-28 in Europe/Berlin (the clocks go forward); it will post at 03:30.'],
      ],
      [
        11,
        'grace',
        '2026-12-03T09:00:00.000Z',
        'UTC',
        ['The media link is downloaded and attached when you confirm the import.'],
      ],
    ]);
    expect(report.rows.find((row) => row.line === 8)?.textPreview).toBe('Clocks jump, this moves');
    expect(report.rows.find((row) => row.line === 11)?.mediaUrl).toBe('https://example.com/cat.png');
    expect([report.okCount, report.errorCount]).toEqual([3, 7]);
    expect(await postCount()).toBe(0);
  });

  it('refuses to commit a file with bad rows, naming them, and creates nothing', async () => {
    const refusal = await commitCsvImport(testbed.database.db, testbed.deps, importInput(mixed)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    const message = (refusal as DomainError).message;
    expect(message).toMatch(/^Nothing was scheduled: 7 rows have problems; fix them and import again\. Line 3: The post is 290 characters/);
    for (const line of [3, 4, 5, 6, 7, 10, 12]) expect(message).toContain(`Line ${line}: `);
    expect(await postCount()).toBe(0);
  });

  it('commits a clean file as scheduled posts, each with its publish job', async () => {
    const clean = [
      'time,account,text,timezone',
      '2026-12-01 09:00,@ada,First of the batch,',
      '2026-12-01T18:30,grace,Second of the batch,America/New_York',
      '2026-12-02 07:15,ADA,Third of the batch,UTC',
    ].join('\n');
    expect((await previewCsvImport(testbed.database.db, { ...importInput(clean), now: testbed.deps.clock.now() })).errorCount).toBe(0);

    const { postIds } = await commitCsvImport(testbed.database.db, testbed.deps, importInput(clean));

    const rows = await testbed.database.db.select().from(posts).where(inArray(posts.id, postIds)).orderBy(posts.scheduledAt);
    expect(rows.map((post) => [post.scheduledAt?.toISOString(), post.timezone, post.source, post.status, post.xAccountId === adaId])).toEqual([
      ['2026-12-01T08:00:00.000Z', 'Europe/Berlin', 'csv', 'scheduled', true],
      ['2026-12-01T23:30:00.000Z', 'America/New_York', 'csv', 'scheduled', false],
      ['2026-12-02T07:15:00.000Z', 'UTC', 'csv', 'scheduled', true],
    ]);
    const jobs = await testbed.database.db.execute<{ id: string }>(
      sql`select id from pgboss.job where name = 'posts.publish' and id in ${rows.map((post) => post.publishJobId!)}`,
    );
    expect(jobs).toHaveLength(3);
    expect(await postCount()).toBe(3);
  });

  it('downloads each row\'s media link on commit and attaches it to the post', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const server = http.createServer((request, response) => {
      if (request.url === '/cat.png') response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const withMedia = `text,time,account,media_url\nA cat,2026-12-01 09:00,ada,${base}/cat.png\n`;
      const { postIds } = await commitCsvImport(testbed.database.db, testbed.deps, importInput(withMedia));
      const [view] = await loadPostViews(testbed.database.db, testbed.workspaceId, postIds);
      expect(view?.items[0]?.media).toMatchObject([{ kind: 'image', mimeType: 'image/png', fileName: 'cat.png' }]);

      const broken = `text,time,account,media_url\nNo cat,2026-12-02 09:00,ada,${base}/missing.png\n`;
      const before = await postCount();
      await expect(commitCsvImport(testbed.database.db, testbed.deps, importInput(broken))).rejects.toThrow(
        'Nothing was scheduled: line 2: the media_url answered HTTP 404',
      );
      expect(await postCount()).toBe(before);
    } finally {
      server.close();
    }
  });

  it('warns about the same text twice for one account', async () => {
    const repeated = 'text,time,account\nSame words,2026-12-05 09:00,ada\nSame words,2026-12-06 09:00,ada\nSame words,2026-12-06 09:00,grace\n';
    const report = await previewCsvImport(testbed.database.db, { ...importInput(repeated), now: testbed.deps.clock.now() });
    expect(report.rows.map((row) => row.warnings)).toEqual([
      [],
      ['Same text as line 2 for @Ada; X refuses a post identical to a recent one.'],
      [],
    ]);
    expect(report.errorCount).toBe(0);
  });
});
