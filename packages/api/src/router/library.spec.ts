import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { describeZodIssues } from '../errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness, type Person } from '../testing/harness';

let harness: ApiHarness;
let owner: Person;

beforeAll(async () => {
  harness = await createApiHarness();
  owner = await harness.signUpPerson('Librarian');
});
afterAll(() => harness.close());

describe('library router', () => {
  it('saves, lists, renames and deletes items; a taken name is a CONFLICT with a sentence', async () => {
    const workspaceId = owner.workspaceId;
    const group = await owner.api.library.create({ workspaceId, item: { kind: 'hashtag_group', name: 'Launch', items: ['launch, #ProductHunt'] } });
    expect(group).toMatchObject({ kind: 'hashtag_group', name: 'Launch', items: ['#launch', '#ProductHunt'] });
    await owner.api.library.create({ workspaceId, item: { kind: 'template', name: 'Launch', items: ['1/ It is out', '2/ How we built it'] } });

    await expect(owner.api.library.create({ workspaceId, item: { kind: 'hashtag_group', name: 'Launch', items: ['#again'] } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'A hashtag group named "Launch" already exists in this workspace; choose another name.',
    });

    const renamed = await owner.api.library.update({ workspaceId, id: group.id, item: { kind: 'hashtag_group', name: 'Launch day', items: ['#launch'] } });
    expect(renamed).toMatchObject({ name: 'Launch day', items: ['#launch'] });
    expect((await owner.api.library.list({ workspaceId, kind: 'hashtag_group' })).map((item) => item.name)).toEqual(['Launch day']);

    await owner.api.library.delete({ workspaceId, id: group.id });
    expect((await owner.api.library.list({ workspaceId })).map((item) => [item.kind, item.name])).toEqual([['template', 'Launch']]);
  });

  it('explains content X would not accept', async () => {
    expect(
      await inputIssues(owner.api.library.create({ workspaceId: owner.workspaceId, item: { kind: 'snippet', name: 'Rant', items: ['x'.repeat(300)] } })),
    ).toEqual(['item.items.0: The post is 300 characters as X counts them; the limit is 280. Shorten it by 20.']);
  });
});

/** The readable lines the API sends for an input it refuses. */
async function inputIssues(call: Promise<unknown>): Promise<string[]> {
  const error: unknown = await call.catch((refusal: unknown) => refusal);
  if (!(error instanceof TRPCError) || !(error.cause instanceof ZodError)) throw new Error(`expected an input refusal, got ${String(error)}`);
  return describeZodIssues(error.cause);
}
