import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts } from '@tweetflow/db';
import { DomainError } from '../errors';
import { nextSlotInstants, postingSlotsSchema } from './posting-slots';
import { getQueueSchedule, setQueueSchedule } from './queue-settings';
import { findNextQueueSlot, previewQueueSlots } from './queue-slots';
import { startSchedulingTestbed, type SchedulingTestbed } from './test-support';

let testbed: SchedulingTestbed;
beforeAll(async () => {
  testbed = await startSchedulingTestbed();
});
afterAll(() => testbed.close());

const clock = { now: () => new Date('2026-03-01T00:00:00Z') };

async function accountWithSlots(username: string, timezone: string, slots: { weekday: number; localTime: string }[]) {
  const accountId = await testbed.addAccount(username, { timezone });
  await setQueueSchedule(testbed.database.db, clock, { workspaceId: testbed.workspaceId, accountId, slots });
  return accountId;
}

describe('weekly slot instants', () => {
  it('keeps a 09:00 Berlin slot at 09:00 local on both sides of the March and October changes', () => {
    const monday = [{ weekday: 1, localTime: '09:00' }];
    expect(nextSlotInstants(monday, 'Europe/Berlin', new Date('2026-03-18T00:00:00Z'), 2)).toEqual([
      new Date('2026-03-23T08:00:00Z'), // CET, UTC+1
      new Date('2026-03-30T07:00:00Z'), // CEST, UTC+2
    ]);
    expect(nextSlotInstants(monday, 'Europe/Berlin', new Date('2026-10-14T00:00:00Z'), 2)).toEqual([
      new Date('2026-10-19T07:00:00Z'),
      new Date('2026-10-26T08:00:00Z'),
    ]);
  });

  it('moves a slot inside the spring-forward gap forward and keeps the day in time order', () => {
    const sunday = [
      { weekday: 7, localTime: '02:30' },
      { weekday: 7, localTime: '03:15' },
    ];
    // 29 March 2026: Berlin jumps from 02:00 to 03:00, so 02:30 becomes 03:30 and follows 03:15.
    expect(nextSlotInstants(sunday, 'Europe/Berlin', new Date('2026-03-28T12:00:00Z'), 2)).toEqual([
      new Date('2026-03-29T01:15:00Z'),
      new Date('2026-03-29T01:30:00Z'),
    ]);
  });

  it('refuses duplicate, malformed and too many slots with readable messages', () => {
    const duplicate = postingSlotsSchema.safeParse([
      { weekday: 2, localTime: '09:00' },
      { weekday: 2, localTime: '09:00' },
    ]);
    expect(duplicate.error?.issues.map((issue) => issue.message)).toEqual(['Tuesday 09:00 is in the list twice.']);
    expect(postingSlotsSchema.safeParse([{ weekday: 8, localTime: '9:00' }]).error?.issues).toHaveLength(2);
    const many = Array.from({ length: 51 }, (_, index) => ({ weekday: (index % 7) + 1, localTime: `${String(index % 24).padStart(2, '0')}:${String(index).padStart(2, '0')}` }));
    expect(postingSlotsSchema.safeParse(many).error?.issues[0]?.message).toBe('A queue can have up to 50 slots a week.');
  });
});

describe('findNextQueueSlot', () => {
  it('answers null for an account without slots', async () => {
    const accountId = await testbed.addAccount('no_slots');
    expect(await findNextQueueSlot(testbed.database.db, { accountId, after: clock.now() })).toBeNull();
  });

  it('skips slots held by scheduled or publishing posts, but not by drafts', async () => {
    const accountId = await accountWithSlots('busy_queue', 'Europe/Berlin', [
      { weekday: 1, localTime: '09:00' },
      { weekday: 3, localTime: '18:30' },
    ]);
    const after = new Date('2026-10-20T00:00:00Z'); // a Tuesday
    await testbed.addPost(accountId, { scheduledAt: new Date('2026-10-21T16:30:00Z') }); // Wed 18:30 CEST
    await testbed.addPost(accountId, { scheduledAt: new Date('2026-10-26T08:00:00Z'), status: 'publishing' }); // Mon 09:00 CET
    await testbed.addPost(accountId, { scheduledAt: new Date('2026-10-28T17:30:00Z'), status: 'draft' }); // Wed 18:30 CET

    expect(await findNextQueueSlot(testbed.database.db, { accountId, after })).toEqual(new Date('2026-10-28T17:30:00Z'));
  });

  it('gives two posts queued at the same moment two different slots', async () => {
    const accountId = await accountWithSlots('racing_queue', 'UTC', [{ weekday: 5, localTime: '12:00' }]);
    const { db } = testbed.database;
    const queueOne = () =>
      db.transaction(async (tx) => {
        const slot = await findNextQueueSlot(tx, { accountId, after: clock.now() });
        await tx.insert(posts).values({ workspaceId: testbed.workspaceId, xAccountId: accountId, status: 'scheduled', scheduledAt: slot });
        return slot;
      });
    const slots = await Promise.all([queueOne(), queueOne(), queueOne()]);
    expect(slots.map((slot) => slot?.toISOString()).sort()).toEqual([
      '2026-03-06T12:00:00.000Z',
      '2026-03-13T12:00:00.000Z',
      '2026-03-20T12:00:00.000Z',
    ]);
  });

  it('says so when every slot of the coming year is taken', async () => {
    const accountId = await accountWithSlots('full_queue', 'UTC', [{ weekday: 1, localTime: '10:00' }]);
    const mondays = nextSlotInstants([{ weekday: 1, localTime: '10:00' }], 'UTC', clock.now(), 60);
    await testbed.database.db
      .insert(posts)
      .values(mondays.map((scheduledAt) => ({ workspaceId: testbed.workspaceId, xAccountId: accountId, status: 'scheduled' as const, scheduledAt })));
    const refusal = await findNextQueueSlot(testbed.database.db, { accountId, after: clock.now() }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).message).toBe(
      'Every queue slot of @full_queue in the next 52 weeks is taken; add slots to the queue or pick a time.',
    );
  });
});

describe('queue schedule', () => {
  it('replaces all slots at once, sorts them by week, and can change the zone', async () => {
    const { db } = testbed.database;
    const accountId = await accountWithSlots('replace_slots', 'UTC', [{ weekday: 1, localTime: '09:00' }]);
    await setQueueSchedule(db, clock, {
      workspaceId: testbed.workspaceId,
      accountId,
      timezone: 'America/New_York',
      slots: [
        { weekday: 5, localTime: '17:00' },
        { weekday: 2, localTime: '08:15' },
      ],
    });
    expect(await getQueueSchedule(db, { workspaceId: testbed.workspaceId, accountId })).toEqual({
      accountId,
      timezone: 'America/New_York',
      paused: false,
      slots: [
        { weekday: 2, localTime: '08:15' },
        { weekday: 5, localTime: '17:00' },
      ],
    });
  });

  it('previews the next slots with the posts already in them', async () => {
    const accountId = await accountWithSlots('preview_slots', 'UTC', [{ weekday: 2, localTime: '07:45' }]);
    const held = await testbed.addPost(accountId, { scheduledAt: new Date('2026-03-10T07:45:00Z') });
    const preview = await previewQueueSlots(testbed.database.db, { workspaceId: testbed.workspaceId, accountId, after: clock.now(), count: 2 });
    expect(preview).toEqual([
      { at: new Date('2026-03-03T07:45:00Z'), localDateTime: '2026-03-03T07:45', postId: null },
      { at: new Date('2026-03-10T07:45:00Z'), localDateTime: '2026-03-10T07:45', postId: held },
    ]);
  });

  it('does not reveal the slots of an account in another workspace', async () => {
    const accountId = await accountWithSlots('other_slots', 'UTC', []);
    await expect(
      getQueueSchedule(testbed.database.db, { workspaceId: '00000000-0000-7000-8000-000000000000', accountId }),
    ).rejects.toThrow('That X account is not connected to this workspace.');
  });
});
