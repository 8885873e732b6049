import { randomUUID } from 'node:crypto';
import { xAccounts } from '@tweetflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness, type Person } from '../testing/harness';

const now = new Date('2026-12-01T08:00:00Z');
let harness: ApiHarness;
let owner: Person;
let accountId: string;

beforeAll(async () => {
  harness = await createApiHarness({ clock: { now: () => now } });
  owner = await harness.signUpPerson('Planner');
  const [account] = await harness.database.db
    .insert(xAccounts)
    .values({
      workspaceId: owner.workspaceId,
      xUserId: '7171',
      username: 'planner',
      displayName: 'Planner',
      accessTokenCiphertext: `test:${randomUUID()}`,
      accessTokenExpiresAt: new Date('2100-01-01T00:00:00Z'),
    })
    .returning({ id: xAccounts.id });
  accountId = account!.id;
});
afterAll(() => harness.close());

describe('scheduling router', () => {
  it('resolves a local time and warns about clock changes', async () => {
    expect(await owner.api.scheduling.resolveLocalTime({ localDateTime: '2027-03-28T02:30', timezone: 'Europe/Berlin' })).toEqual({
      kind: 'gap',
      instant: new Date('2027-03-28T01:30:00Z'),
      message: '02:30 does not exist on 2027-03-28 in Europe/Berlin (the clocks go forward); it will post at 03:30.',
    });
    const repeated = await owner.api.scheduling.resolveLocalTime({ localDateTime: '2026-10-25T02:30', timezone: 'Europe/Berlin', repeatedTime: 'later' });
    expect(repeated).toMatchObject({ kind: 'overlap', instant: new Date('2026-10-25T01:30:00Z') });
    await expect(owner.api.scheduling.resolveLocalTime({ localDateTime: '1 Dec 9am', timezone: 'Europe/Berlin' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('forecasts the account’s calls to X including the post being scheduled', async () => {
    await owner.api.posts.create({
      workspaceId: owner.workspaceId,
      content: { accountId, items: [{ text: 'Planned 1/', mediaIds: [] }, { text: 'Planned 2/', mediaIds: [] }] },
      timing: { kind: 'at', localDateTime: '2026-12-01T10:00', timezone: 'UTC' },
    });
    const forecast = await owner.api.scheduling.forecast({
      workspaceId: owner.workspaceId,
      accountId,
      extraAt: new Date('2026-12-01T10:05:00Z'),
      extraUnits: 3,
    });
    expect(forecast).toMatchObject({ totalUnits: 5, exceeds: false, warning: null, limit: { units: 100, windowMinutes: 15, source: 'documented' } });
    expect(forecast.hours[2]).toEqual({ start: new Date('2026-12-01T10:00:00Z'), units: 5 });
  });
});
