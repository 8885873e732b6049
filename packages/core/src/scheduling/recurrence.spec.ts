import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts } from '@tweetflow/db';
import { DomainError } from '../errors';
import { localDateTimeOf } from './local-time';
import { describeRecurrence, expandRecurrence, recurrenceRuleSchema, type RecurrenceRule } from './recurrence';
import { createRecurringPosts, getSeries } from './recurring-posts';
import { startSchedulingTestbed, type SchedulingTestbed } from './test-support';

const weeklyBerlin: RecurrenceRule = {
  every: 1,
  unit: 'week',
  weekdays: [1],
  time: '09:00',
  timezone: 'Europe/Berlin',
  startDate: '2026-10-19',
  end: { kind: 'until', date: '2027-04-04' },
};

function problemsOf(rule: unknown): string[] {
  return recurrenceRuleSchema.safeParse(rule).error?.issues.map((issue) => issue.message) ?? [];
}

describe('expandRecurrence', () => {
  it('every 2 weeks on Monday and Thursday, counted from the start week', () => {
    const rule: RecurrenceRule = { ...weeklyBerlin, every: 2, weekdays: [4, 1], startDate: '2026-12-03', end: { kind: 'count', count: 5 } };
    expect(expandRecurrence(rule).map((at) => localDateTimeOf(at, 'Europe/Berlin'))).toEqual([
      '2026-12-03T09:00',
      '2026-12-14T09:00',
      '2026-12-17T09:00',
      '2026-12-28T09:00',
      '2026-12-31T09:00',
    ]);
    expect(describeRecurrence(rule)).toBe('Every 2 weeks on Monday and Thursday at 09:00 (Europe/Berlin), from 2026-12-03, 5 times');
  });

  it('daily at a time inside the spring-forward gap posts right after the jump that day', () => {
    const rule: RecurrenceRule = { every: 1, unit: 'day', time: '02:30', timezone: 'Europe/Berlin', startDate: '2027-03-27', end: { kind: 'count', count: 3 } };
    expect(expandRecurrence(rule).map((at) => localDateTimeOf(at, 'Europe/Berlin'))).toEqual([
      '2027-03-27T02:30',
      '2027-03-28T03:30',
      '2027-03-29T02:30',
    ]);
  });

  it('a weekly rule without weekdays repeats on the start date’s weekday until the end date', () => {
    const rule: RecurrenceRule = { every: 3, unit: 'week', time: '18:00', timezone: 'UTC', startDate: '2026-01-07', end: { kind: 'until', date: '2026-02-18' } };
    expect(expandRecurrence(rule)).toEqual([
      new Date('2026-01-07T18:00:00Z'),
      new Date('2026-01-28T18:00:00Z'),
      new Date('2026-02-18T18:00:00Z'),
    ]);
  });
});

describe('recurrenceRuleSchema', () => {
  const daily = { every: 1, unit: 'day', time: '09:00', timezone: 'Europe/Berlin', startDate: '2026-12-01' };

  it('refuses more than 366 posts or more than 2 years, saying what to change', () => {
    expect(problemsOf({ ...daily, end: { kind: 'until', date: '2027-12-31' } })).toEqual([
      'This series would make more than 366 posts; choose an earlier end date or a longer interval.',
    ]);
    expect(problemsOf({ ...daily, every: 3, end: { kind: 'count', count: 300 } })).toEqual([
      '300 posts at this interval would run past 2028-12-01, more than 2 years after the start; choose fewer posts or a shorter interval.',
    ]);
    expect(problemsOf({ ...daily, end: { kind: 'until', date: '2029-01-01' } })).toEqual([
      'A series can run for up to 2 years; end it on 2028-12-01 or earlier.',
    ]);
    expect(problemsOf({ ...daily, end: { kind: 'count', count: 366 } })).toEqual([]);
  });

  it('explains malformed rules field by field', () => {
    expect(problemsOf({ ...daily, startDate: '2026-02-30', time: '9am', end: { kind: 'count', count: 0 } })).toEqual([
      'must be a time of day like 09:00 or 17:30 (24-hour)',
      'is not a date in the calendar',
      'must be at least 1',
    ]);
    expect(problemsOf({ ...daily, weekdays: [1], end: { kind: 'count', count: 2 } })).toEqual([
      'Weekdays apply to weekly series only; remove them or repeat every week.',
    ]);
    expect(problemsOf({ ...daily, end: { kind: 'until', date: '2026-11-30' } })).toEqual([
      'The end date 2026-11-30 is before the start date 2026-12-01.',
    ]);
    expect(problemsOf({ ...daily, unit: 'week', weekdays: [1], startDate: '2026-12-01', end: { kind: 'until', date: '2026-12-06' } })).toEqual([
      'This series makes no posts; move the end date after the first weekday chosen.',
    ]);
    expect(problemsOf({ ...daily, timezone: 'Mars/Olympus', end: { kind: 'count', count: 2 } })).toEqual([
      'must be an IANA time zone such as Europe/Berlin',
    ]);
  });
});

describe('createRecurringPosts', () => {
  let testbed: SchedulingTestbed;
  let accountId: string;
  beforeAll(async () => {
    testbed = await startSchedulingTestbed({ now: new Date('2026-10-01T00:00:00Z') });
    accountId = await testbed.addAccount('weekly_berlin', { timezone: 'Europe/Berlin' });
  });
  afterAll(() => testbed.close());

  const content = () => ({ accountId, items: [{ text: 'Monday tip', mediaIds: [] }] });

  it('a 09:00 Berlin post stays at 09:00 local across the October and March changes, each with a publish job', async () => {
    const { db } = testbed.database;
    const { seriesId, postIds } = await createRecurringPosts(db, testbed.deps, {
      workspaceId: testbed.workspaceId,
      userId: testbed.userId,
      content: content(),
      rule: weeklyBerlin,
    });

    const stored = await db.select().from(posts).where(eq(posts.seriesId, seriesId)).orderBy(posts.scheduledAt);
    expect(stored.map((post) => post.id).sort()).toEqual([...postIds].sort());
    expect(stored.every((post) => post.status === 'scheduled' && post.source === 'recurring' && post.timezone === 'Europe/Berlin')).toBe(true);
    const instants = stored.map((post) => post.scheduledAt?.toISOString());
    expect(instants).toHaveLength(24);
    expect(instants.slice(0, 2)).toEqual(['2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z']); // CEST, then CET
    expect(instants.slice(-2)).toEqual(['2027-03-22T08:00:00.000Z', '2027-03-29T07:00:00.000Z']); // CET, then CEST
    expect(stored.every((post) => localDateTimeOf(post.scheduledAt!, 'Europe/Berlin').endsWith('T09:00'))).toBe(true);

    const jobs = await db.execute<{ post_id: string; start_after: Date }>(
      sql`select data->>'postId' as post_id, start_after from pgboss.job where name = 'posts.publish'`,
    );
    const jobStart = new Map(jobs.map((job) => [job.post_id, new Date(job.start_after).toISOString()]));
    expect(stored.map((post) => jobStart.get(post.id))).toEqual(instants);
  });

  it('lists a series with its rule in words and its posts in order', async () => {
    const { db } = testbed.database;
    const rule: RecurrenceRule = { every: 2, unit: 'day', time: '12:00', timezone: 'UTC', startDate: '2026-11-01', end: { kind: 'count', count: 3 } };
    const { seriesId } = await createRecurringPosts(db, testbed.deps, { workspaceId: testbed.workspaceId, userId: testbed.userId, content: content(), rule });
    const series = await getSeries(db, { workspaceId: testbed.workspaceId, seriesId });
    expect(series.description).toBe('Every 2 days at 12:00 (UTC), from 2026-11-01, 3 times');
    expect(series.posts.map((post) => [post.localDateTime, post.firstText, post.status])).toEqual([
      ['2026-11-01T12:00', 'Monday tip', 'scheduled'],
      ['2026-11-03T12:00', 'Monday tip', 'scheduled'],
      ['2026-11-05T12:00', 'Monday tip', 'scheduled'],
    ]);
    await expect(getSeries(db, { workspaceId: '00000000-0000-7000-8000-000000000000', seriesId })).rejects.toBeInstanceOf(DomainError);
  });

  it('refuses a series whose first post has already passed, and creates nothing', async () => {
    const { db } = testbed.database;
    const rule: RecurrenceRule = { every: 1, unit: 'day', time: '09:00', timezone: 'Europe/Berlin', startDate: '2026-09-30', end: { kind: 'count', count: 5 } };
    const before = await db.$count(posts);
    await expect(
      createRecurringPosts(db, testbed.deps, { workspaceId: testbed.workspaceId, userId: testbed.userId, content: content(), rule }),
    ).rejects.toThrow('The first post of this series would be at 2026-09-30 09:00 (Europe/Berlin), which has already passed; start on a later date or time.');
    expect(await db.$count(posts)).toBe(before);
  });

  it('creates no series when a post of it is refused', async () => {
    const { db } = testbed.database;
    const stranger = await testbed.addAccount('not_in_workspace', {
      workspaceId: (await db.execute<{ id: string }>(sql`insert into workspaces (name) values ('Other') returning id`))[0]!.id,
    });
    const seriesBefore = await db.execute<{ count: number }>(sql`select count(*)::int as count from post_series`);
    await expect(
      createRecurringPosts(db, testbed.deps, {
        workspaceId: testbed.workspaceId,
        userId: testbed.userId,
        content: { accountId: stranger, items: [{ text: 'Not mine', mediaIds: [] }] },
        rule: weeklyBerlin,
      }),
    ).rejects.toThrow('That X account is not connected to this workspace');
    expect(await db.execute<{ count: number }>(sql`select count(*)::int as count from post_series`)).toEqual(seriesBefore);
  });
});
