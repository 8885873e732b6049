import { randomUUID } from 'node:crypto';
import { workspaces } from '@tweetflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowTestbed, type WorkflowTestbed } from '../testing';
import { StepFailure } from './node-result';
import { xAccountOf } from './x-account-of';

let testbed: WorkflowTestbed;
beforeAll(async () => {
  testbed = await startWorkflowTestbed();
});
afterAll(() => testbed.close());

describe('xAccountOf', () => {
  it('answers lookups made together each on its own: the account of the workspace, and a refusal for another workspace, an unknown or a malformed id', async () => {
    const ada = await testbed.connect('ada');
    const grace = await testbed.connect('grace');
    const [other] = await testbed.database.db.insert(workspaces).values({ name: 'Someone else' }).returning({ id: workspaces.id });
    const { db } = testbed.database;
    const ask = (workspaceId: string, accountId: unknown) => xAccountOf(db, workspaceId, accountId);

    const answers = await Promise.allSettled([
      ask(testbed.workspaceId, ada),
      ask(testbed.workspaceId, grace.toUpperCase()),
      ask(other!.id, ada),
      ask(testbed.workspaceId, randomUUID()),
      ask(testbed.workspaceId, '------------------------------------'),
      ask(testbed.workspaceId, ada),
    ]);

    const shown = answers.map((answer) => (answer.status === 'fulfilled' ? `@${answer.value.username}` : (answer.reason as StepFailure).message));
    expect(shown).toEqual([
      '@ada',
      '@grace',
      expect.stringContaining('not connected to this workspace any more'),
      expect.stringContaining('not connected to this workspace any more'),
      expect.stringContaining('is not an X account id'),
      '@ada',
    ]);
    expect(answers.filter((answer) => answer.status === 'rejected').every((answer) => answer.reason instanceof StepFailure)).toBe(true);
  });
});
