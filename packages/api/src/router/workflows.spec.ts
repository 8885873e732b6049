import { listAuditEntries } from '@tweetflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness, type Person } from '../testing/harness';

let harness: ApiHarness;
let owner: Person;

beforeAll(async () => {
  harness = await createApiHarness({ env: { WORKSPACE_MAX_ACTIVE_WORKFLOWS: '1' } });
  owner = await harness.signUpPerson('Flow owner');
});
afterAll(() => harness.close());

const webhookToNotify = {
  trigger: { type: 'webhook', params: {} },
  nodes: [{ id: 'tell', type: 'notify', params: { channel: 'in_app', title: 'Called', body: '{{ trigger.body.text }}' } }],
  edges: [{ from: 'trigger', to: 'tell' }],
};

describe('workflows router', () => {
  it('reports every problem with its node and field, and saves work in progress anyway', async () => {
    const broken = { ...webhookToNotify, nodes: [{ id: 'tell', type: 'notify', params: { channel: 'in_app', title: 'No body' } }] };
    const { problems } = await owner.api.workflows.validate({ workspaceId: owner.workspaceId, definition: broken });
    expect(problems).toEqual([expect.objectContaining({ nodeId: 'tell', field: 'params.body' })]);
    const saved = await owner.api.workflows.create({ workspaceId: owner.workspaceId, name: 'Draft', definition: broken });
    expect(saved.problems).toHaveLength(1);
    await expect(owner.api.workflows.activate({ workspaceId: owner.workspaceId, workflowId: saved.workflowId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('tell.params.body'),
    });
  });

  it('audits creation, edits and activation, and holds the workspace to its cap of active workflows', async () => {
    const first = await owner.api.workflows.create({ workspaceId: owner.workspaceId, name: 'First', definition: webhookToNotify });
    await owner.api.workflows.save({ workspaceId: owner.workspaceId, workflowId: first.workflowId, definition: webhookToNotify, note: 'same again' });
    await owner.api.workflows.activate({ workspaceId: owner.workspaceId, workflowId: first.workflowId });
    const second = await owner.api.workflows.create({ workspaceId: owner.workspaceId, name: 'Second', definition: webhookToNotify });
    await expect(owner.api.workflows.activate({ workspaceId: owner.workspaceId, workflowId: second.workflowId })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('at most 1'),
    });
    await owner.api.workflows.activate({ workspaceId: owner.workspaceId, workflowId: first.workflowId });

    const entries = await listAuditEntries(harness.database.db, { workspaceId: owner.workspaceId, limit: 50 });
    const mine = entries.filter((entry) => entry.target?.id === first.workflowId).map((entry) => entry.action);
    expect(mine.sort()).toEqual(['workflow.activated', 'workflow.activated', 'workflow.created', 'workflow.edited']);

    const versions = await owner.api.workflows.versions({ workspaceId: owner.workspaceId, workflowId: first.workflowId });
    expect(versions.map((version) => [version.version, version.note, version.active])).toEqual([
      [2, 'same again', true],
      [1, '', false],
    ]);
  });
});
