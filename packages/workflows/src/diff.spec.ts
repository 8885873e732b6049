import { describe, expect, it } from 'vitest';
import { workflowDefinitionSchema } from './definition';
import { diffDefinitions } from './diff';
import { ACCOUNT_ID, launchWorkflow, launchWorkflowInput } from './test-data';

describe('diffDefinitions', () => {
  it('finds nothing between equal versions, even with nodes reordered and moved on the canvas', () => {
    const before = launchWorkflow();
    const after = { ...before, nodes: [...before.nodes].reverse().map((node) => ({ ...node, position: { x: 10, y: 20 } })) };
    expect(diffDefinitions(before, after)).toEqual([]);
  });

  it('describes each change with its fields and a sentence', () => {
    const before = launchWorkflow();
    const input = launchWorkflowInput();
    const after = workflowDefinitionSchema.parse({
      ...input,
      trigger: { type: 'webhook', params: { requireSignature: false } },
      nodes: [
        ...input.nodes.filter((node) => node.id !== 'skipped').map((node) => (node.id === 'post' ? { ...node, params: { ...node.params, text: '🚀 {{ trigger.body.text }}' } } : node)),
        { id: 'like', type: 'x.like', name: 'Like it too', params: { accountId: ACCOUNT_ID, postId: '{{ nodes.post.postId }}' } },
      ],
      edges: [...input.edges.filter((edge) => edge.to !== 'skipped'), { from: 'post', to: 'like', label: 'next' }],
      settings: { overlap: 'skip' },
    });
    expect(diffDefinitions(before, after)).toEqual([
      { kind: 'trigger_changed', changes: [{ field: 'params.requireSignature', before: true, after: false }], summary: 'Trigger: params.requireSignature true → false.' },
      { kind: 'node_removed', nodeId: 'skipped', node: before.nodes[2], summary: "Removed notify node 'skipped'." },
      {
        kind: 'node_changed',
        nodeId: 'post',
        changes: [{ field: 'params.text', before: '{{ trigger.body.text }}', after: '🚀 {{ trigger.body.text }}' }],
        summary: "Changed node 'post': params.text '{{ trigger.body.text }}' → '🚀 {{ trigger.body.text }}'.",
      },
      { kind: 'node_added', nodeId: 'like', node: after.nodes[3], summary: "Added x.like node 'like' (Like it too)." },
      { kind: 'edge_removed', edge: { from: 'check', to: 'skipped', label: 'false' }, summary: 'Disconnected check → skipped (false).' },
      { kind: 'edge_added', edge: { from: 'post', to: 'like', label: 'next' }, summary: 'Connected post → like.' },
      { kind: 'settings_changed', changes: [{ field: 'overlap', before: 'queue', after: 'skip' }], summary: "Settings: overlap 'queue' → 'skip'." },
    ]);
  });

  it('shows a trigger of another kind field by field, and a list that grew as a whole', () => {
    const before = launchWorkflow({
      nodes: [{ id: 'thread', type: 'x.thread', params: { accountId: ACCOUNT_ID, items: ['one', 'two'] } }],
      edges: [{ from: 'trigger', to: 'thread' }],
    });
    const after = {
      ...before,
      trigger: workflowDefinitionSchema.shape.trigger.parse({ type: 'schedule', params: { mode: 'cron', cron: '0 15 * * 5', timezone: 'Europe/Berlin' } }),
      nodes: [{ id: 'thread', type: 'x.thread' as const, params: { accountId: ACCOUNT_ID, items: ['one', 'two', 'three'] } }],
      edges: [{ from: 'trigger', to: 'thread', label: 'error' }],
    };
    expect(diffDefinitions(before, after).map((change) => change.summary)).toEqual([
      "Trigger: type 'webhook' → 'schedule'; params.requireSignature true → (none); params.mode (none) → 'cron'; params.cron (none) → '0 15 * * 5'; params.timezone (none) → 'Europe/Berlin'.",
      `Changed node 'thread': params.items ["one","two"] → ["one","two","three"].`,
      'Disconnected trigger → thread.',
      'Connected trigger → thread on error.',
    ]);
  });
});
