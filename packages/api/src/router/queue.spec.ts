import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { describeZodIssues } from '../errors';
import { randomUUID } from 'node:crypto';
import { xAccounts } from '@tweetflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness, type Person } from '../testing/harness';

const now = new Date('2026-11-16T12:00:00Z'); // a Monday
let harness: ApiHarness;
let owner: Person;
let accountId: string;

beforeAll(async () => {
  harness = await createApiHarness({ clock: { now: () => now } });
  owner = await harness.signUpPerson('Queue owner');
  const [account] = await harness.database.db
    .insert(xAccounts)
    .values({
      workspaceId: owner.workspaceId,
      xUserId: '4242',
      username: 'queue_owner',
      displayName: 'Queue owner',
      accessTokenCiphertext: `test:${randomUUID()}`,
      accessTokenExpiresAt: new Date('2100-01-01T00:00:00Z'),
    })
    .returning({ id: xAccounts.id });
  accountId = account!.id;
});
afterAll(() => harness.close());

describe('queue router', () => {
  it('sets weekly slots in a zone and previews the next ones', async () => {
    const schedule = await owner.api.queue.setSlots({
      workspaceId: owner.workspaceId,
      accountId,
      timezone: 'Europe/Berlin',
      slots: [
        { weekday: 3, localTime: '17:30' },
        { weekday: 2, localTime: '09:00' },
      ],
    });
    expect(schedule).toEqual({
      accountId,
      timezone: 'Europe/Berlin',
      paused: false,
      slots: [
        { weekday: 2, localTime: '09:00' },
        { weekday: 3, localTime: '17:30' },
      ],
    });
    expect(await owner.api.queue.slots({ workspaceId: owner.workspaceId, accountId })).toEqual(schedule);
    const next = await owner.api.queue.nextSlots({ workspaceId: owner.workspaceId, accountId, count: 3 });
    expect(next.map((slot) => slot.localDateTime)).toEqual(['2026-11-17T09:00', '2026-11-18T17:30', '2026-11-24T09:00']);
  });

  it('explains invalid slots field by field', async () => {
    const refusal = owner.api.queue.setSlots({
      workspaceId: owner.workspaceId,
      accountId,
      slots: [
        { weekday: 1, localTime: '25:00' },
        { weekday: 2, localTime: '08:00' },
        { weekday: 2, localTime: '08:00' },
      ],
    });
    expect(await inputIssues(refusal)).toEqual([
      'slots.0.localTime: must be a time of day like 09:00 or 17:30 (24-hour)',
      'slots.2: Tuesday 08:00 is in the list twice.',
    ]);
  });

  it('fills free slots from the composer, lists them in order, reorders and pauses', async () => {
    const queued = async (text: string) =>
      owner.api.posts.create({
        workspaceId: owner.workspaceId,
        content: { accountId, items: [{ text, mediaIds: [] }] },
        timing: { kind: 'queue' },
      });
    const first = await queued('First in line');
    const second = await queued('Second in line');
    const third = await queued('Third in line');

    const upcoming = await owner.api.queue.upcoming({ workspaceId: owner.workspaceId, accountId });
    expect(upcoming.posts.map((post) => [post.firstText, post.localDateTime])).toEqual([
      ['First in line', '2026-11-17T09:00'],
      ['Second in line', '2026-11-18T17:30'],
      ['Third in line', '2026-11-24T09:00'],
    ]);
    const next = await owner.api.queue.nextSlots({ workspaceId: owner.workspaceId, accountId, count: 4 });
    expect(next.map((slot) => slot.postId)).toEqual([first.id, second.id, third.id, null]);

    const reordered = await owner.api.queue.reorder({ workspaceId: owner.workspaceId, accountId, postIds: [third.id, first.id, second.id] });
    expect(reordered.posts.map((post) => [post.firstText, post.localDateTime])).toEqual([
      ['Third in line', '2026-11-17T09:00'],
      ['First in line', '2026-11-18T17:30'],
      ['Second in line', '2026-11-24T09:00'],
    ]);

    expect(await owner.api.queue.pause({ workspaceId: owner.workspaceId, accountId })).toMatchObject({ paused: true });
    expect(await owner.api.queue.resume({ workspaceId: owner.workspaceId, accountId })).toMatchObject({ paused: false, released: 0 });
  });

  it('answers NOT_FOUND for an account of another workspace', async () => {
    const outsider = await harness.signUpPerson('Queue outsider');
    await expect(owner.api.queue.upcoming({ workspaceId: owner.workspaceId, accountId: randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'That X account is not connected to this workspace.',
    });
    await expect(outsider.api.queue.slots({ workspaceId: outsider.workspaceId, accountId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** The readable lines the API sends for an input it refuses. */
async function inputIssues(call: Promise<unknown>): Promise<string[]> {
  const error: unknown = await call.catch((refusal: unknown) => refusal);
  if (!(error instanceof TRPCError) || !(error.cause instanceof ZodError)) throw new Error(`expected an input refusal, got ${String(error)}`);
  return describeZodIssues(error.cause);
}
