import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { seedAccount, seedWorkspace } from '../analytics/test-data';
import { checkDefinition } from '../workflows/manage/save-workflow';
import { listXAccountIds } from './list-x-accounts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const postAs = (accountId: string) => ({
  trigger: { type: 'manual', params: {} },
  nodes: [{ id: 'announce', type: 'x.post', params: { accountId, text: 'Hello' } }],
  edges: [{ from: 'trigger', to: 'announce' }],
});

describe("a workspace's account ids", () => {
  it('are its own accounts only, and a workflow may post only as one of them', async () => {
    const { db } = database;
    const mine = await seedWorkspace(db);
    const theirs = await seedWorkspace(db);
    const ada = await seedAccount(db, mine.workspaceId, 'ada');
    const bob = await seedAccount(db, mine.workspaceId, 'bob');
    const eve = await seedAccount(db, theirs.workspaceId, 'eve');

    expect((await listXAccountIds(db, mine.workspaceId)).sort()).toEqual([ada, bob].sort());
    expect(await checkDefinition(db, mine.workspaceId, postAs(ada))).toEqual([]);
    expect(await checkDefinition(db, mine.workspaceId, postAs(eve))).toEqual([
      expect.objectContaining({ nodeId: 'announce', field: 'params.accountId', message: expect.stringContaining('is not connected to this workspace') }),
    ]);
  });
});
