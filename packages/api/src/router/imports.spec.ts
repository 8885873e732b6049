import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { describeZodIssues } from '../errors';
import { randomUUID } from 'node:crypto';
import { updateProfile } from '@tweetflow/core';
import { xAccounts } from '@tweetflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness, type Person } from '../testing/harness';

let harness: ApiHarness;
let owner: Person;

beforeAll(async () => {
  harness = await createApiHarness({ clock: { now: () => new Date('2026-11-15T12:00:00Z') } });
  owner = await harness.signUpPerson('Importer');
  await updateProfile(harness.database.db, owner.userId, { displayName: 'Importer', timezone: 'Europe/Berlin' });
  await harness.database.db.insert(xAccounts).values({
    workspaceId: owner.workspaceId,
    xUserId: '6161',
    username: 'importer',
    displayName: 'Importer',
    accessTokenCiphertext: `test:${randomUUID()}`,
    accessTokenExpiresAt: new Date('2100-01-01T00:00:00Z'),
  });
});
afterAll(() => harness.close());

describe('imports router', () => {
  it('previews rows in the person’s zone, refuses to commit a file with problems, and commits it once fixed', async () => {
    const broken = 'text,time,account\nMorning post,2026-12-01 09:00,@importer\nLost post,2026-12-01 10:00,@nobody\n';
    const preview = await owner.api.imports.previewCsv({ workspaceId: owner.workspaceId, csv: broken });
    expect(preview.rows.map((row) => [row.line, row.ok, row.timezone, row.instant])).toEqual([
      [2, true, 'Europe/Berlin', new Date('2026-12-01T08:00:00Z')],
      [3, false, 'Europe/Berlin', new Date('2026-12-01T09:00:00Z')],
    ]);

    await expect(owner.api.imports.commitCsv({ workspaceId: owner.workspaceId, csv: broken })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'Nothing was scheduled: 1 row has problems; fix them and import again. Line 3: @nobody is not connected to this workspace; connected: @importer.',
    });
    expect((await owner.api.posts.list({ workspaceId: owner.workspaceId })).posts).toEqual([]);

    const fixed = broken.replace('@nobody', 'importer');
    const committed = await owner.api.imports.commitCsv({ workspaceId: owner.workspaceId, csv: fixed });
    expect(committed.created).toBe(2);
    const listed = await owner.api.posts.list({ workspaceId: owner.workspaceId });
    expect(listed.posts.map((post) => [post.source, post.status]).sort()).toEqual([
      ['csv', 'scheduled'],
      ['csv', 'scheduled'],
    ]);
  });

  it('refuses an empty upload with a sentence', async () => {
    expect(await inputIssues(owner.api.imports.previewCsv({ workspaceId: owner.workspaceId, csv: '' }))).toEqual([
      'csv: The file is empty; it needs a header row (text, time, account) and one row per post.',
    ]);
  });
});

/** The readable lines the API sends for an input it refuses. */
async function inputIssues(call: Promise<unknown>): Promise<string[]> {
  const error: unknown = await call.catch((refusal: unknown) => refusal);
  if (!(error instanceof TRPCError) || !(error.cause instanceof ZodError)) throw new Error(`expected an input refusal, got ${String(error)}`);
  return describeZodIssues(error.cause);
}
