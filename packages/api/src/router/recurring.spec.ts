import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { describeZodIssues } from '../errors';
import { randomUUID } from 'node:crypto';
import { xAccounts } from '@tweetflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness, type Person } from '../testing/harness';

let harness: ApiHarness;
let owner: Person;
let accountId: string;

beforeAll(async () => {
  harness = await createApiHarness({ clock: { now: () => new Date('2026-10-01T12:00:00Z') } });
  owner = await harness.signUpPerson('Series owner');
  const [account] = await harness.database.db
    .insert(xAccounts)
    .values({
      workspaceId: owner.workspaceId,
      xUserId: '5151',
      username: 'series_owner',
      displayName: 'Series owner',
      accessTokenCiphertext: `test:${randomUUID()}`,
      accessTokenExpiresAt: new Date('2100-01-01T00:00:00Z'),
    })
    .returning({ id: xAccounts.id });
  accountId = account!.id;
});
afterAll(() => harness.close());

const everyOtherSunday = {
  every: 2,
  unit: 'week' as const,
  weekdays: [7],
  time: '09:00',
  timezone: 'Europe/Berlin',
  startDate: '2026-10-18',
  end: { kind: 'count' as const, count: 3 },
};

describe('recurring router', () => {
  it('previews the dates of a rule, creating nothing', async () => {
    const preview = await owner.api.recurring.preview({ workspaceId: owner.workspaceId, rule: everyOtherSunday });
    expect(preview.description).toBe('Every 2 weeks on Sunday at 09:00 (Europe/Berlin), from 2026-10-18, 3 times');
    expect(preview.occurrences).toEqual([
      { at: new Date('2026-10-18T07:00:00Z'), localDateTime: '2026-10-18T09:00' },
      { at: new Date('2026-11-01T08:00:00Z'), localDateTime: '2026-11-01T09:00' },
      { at: new Date('2026-11-15T08:00:00Z'), localDateTime: '2026-11-15T09:00' },
    ]);
  });

  it('creates a series of scheduled posts and lists it', async () => {
    const series = await owner.api.recurring.create({
      workspaceId: owner.workspaceId,
      content: { accountId, items: [{ text: 'Sunday reading list', mediaIds: [] }] },
      rule: everyOtherSunday,
    });
    expect(series.posts.map((post) => [post.scheduledAt, post.status, post.source])).toEqual([
      [new Date('2026-10-18T07:00:00Z'), 'scheduled', 'recurring'],
      [new Date('2026-11-01T08:00:00Z'), 'scheduled', 'recurring'],
      [new Date('2026-11-15T08:00:00Z'), 'scheduled', 'recurring'],
    ]);
    const listed = await owner.api.recurring.series({ workspaceId: owner.workspaceId, seriesId: series.id });
    expect(listed.posts.map((post) => post.id)).toEqual(series.posts.map((post) => post.id));
  });

  it('edits every upcoming post of a series at once and stops it, leaving what it published', async () => {
    const series = await owner.api.recurring.create({
      workspaceId: owner.workspaceId,
      content: { accountId, items: [{ text: 'Weekly tip', mediaIds: [] }] },
      rule: { ...everyOtherSunday, startDate: '2026-10-25' },
    });
    const [published, ...upcoming] = series.posts.map((post) => post.id);
    // As the worker would leave it: the first occurrence is on X.
    await harness.database.sql`update posts set status = 'published', published_at = scheduled_at where id = ${published!}`;

    const edited = await owner.api.recurring.updateContent({
      workspaceId: owner.workspaceId,
      seriesId: series.id,
      content: { accountId, items: [{ text: 'Weekly tip, now a thread', mediaIds: [] }, { text: 'Part two', mediaIds: [] }] },
    });
    expect(edited.updated).toBe(2);
    expect(edited.series.posts.map((post) => [post.id, post.status, post.firstText, post.itemCount, post.scheduledAt])).toEqual([
      [published, 'published', 'Weekly tip', 1, new Date('2026-10-25T08:00:00Z')],
      [upcoming[0], 'scheduled', 'Weekly tip, now a thread', 2, new Date('2026-11-08T08:00:00Z')],
      [upcoming[1], 'scheduled', 'Weekly tip, now a thread', 2, new Date('2026-11-22T08:00:00Z')],
    ]);

    const outsider = await harness.signUpPerson('Series outsider');
    await expect(outsider.api.recurring.stop({ workspaceId: outsider.workspaceId, seriesId: series.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'That series does not exist in this workspace (it may have been deleted).',
    });
    await expect(owner.api.recurring.stop({ workspaceId: owner.workspaceId, seriesId: series.id })).resolves.toEqual({ deleted: 2 });
    const after = await owner.api.recurring.series({ workspaceId: owner.workspaceId, seriesId: series.id });
    expect(after.posts.map((post) => post.id)).toEqual([published]);
    await expect(
      owner.api.recurring.updateContent({ workspaceId: owner.workspaceId, seriesId: series.id, content: { accountId, items: [{ text: 'Too late', mediaIds: [] }] } }),
    ).resolves.toMatchObject({ updated: 0 });
  });

  it('explains a rule it refuses', async () => {
    const refusal = owner.api.recurring.preview({
      workspaceId: owner.workspaceId,
      rule: { ...everyOtherSunday, unit: 'day', every: 1, weekdays: undefined, end: { kind: 'until', date: '2028-01-01' } },
    });
    expect(await inputIssues(refusal)).toEqual([
      'rule.end.date: This series would make more than 366 posts; choose an earlier end date or a longer interval.',
    ]);
  });
});

/** The readable lines the API sends for an input it refuses. */
async function inputIssues(call: Promise<unknown>): Promise<string[]> {
  const error: unknown = await call.catch((refusal: unknown) => refusal);
  if (!(error instanceof TRPCError) || !(error.cause instanceof ZodError)) throw new Error(`expected an input refusal, got ${String(error)}`);
  return describeZodIssues(error.cause);
}
