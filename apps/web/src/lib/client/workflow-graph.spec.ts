import { validateWorkflow } from '@tweetflow/workflows';
import { describe, expect, it } from 'vitest';
import { canvasEdge, canvasToDefinition, defaultNodeParams, definitionToCanvas, newNodeId, wouldCycle, type DefinitionDraft } from './workflow-graph.ts';
import { layoutCanvas } from './workflow-layout.ts';

const launch: DefinitionDraft = {
  trigger: { type: 'webhook', params: { requireSignature: false } },
  nodes: [
    { id: 'check', type: 'if', params: { condition: "$contains(trigger.body.text, 'launch')" } },
    { id: 'post', type: 'x.post', params: { accountId: 'acc', text: '{{ trigger.body.text }}' } },
  ],
  edges: [
    { from: 'trigger', to: 'check', label: 'next' },
    { from: 'check', to: 'post', label: 'true' },
  ],
};

describe('canvas ↔ definition', () => {
  it('round-trips a definition through the canvas, keeping branch labels and adding positions', () => {
    const { nodes, edges, positioned } = definitionToCanvas(launch);
    expect(positioned).toBe(false);
    expect(edges.map((edge) => [edge.source, edge.sourceHandle, edge.target, edge.label])).toEqual([
      ['trigger', 'next', 'check', undefined],
      ['check', 'true', 'post', 'true'],
    ]);
    const back = canvasToDefinition(layoutCanvas(nodes, edges), edges, undefined);
    expect(back.trigger).toEqual(launch.trigger);
    expect(back.edges).toEqual(launch.edges);
    expect(back.nodes.map(({ position: _position, ...node }) => node)).toEqual(launch.nodes);
    expect(validateWorkflow(back, { accountIds: ['acc'] }).ok).toBe(true);
  });

  it('lays the graph out left to right, one column per step', () => {
    const { nodes, edges } = definitionToCanvas(launch);
    const placed = Object.fromEntries(layoutCanvas(nodes, edges).map((node) => [node.id, node.position.x]));
    expect(placed.trigger!).toBeLessThan(placed.check!);
    expect(placed.check!).toBeLessThan(placed.post!);
  });

  it('puts the trigger left of the nodes it starts when positions were saved', () => {
    const saved = { ...launch, nodes: launch.nodes.map((node, index) => ({ ...node, position: { x: 400 + index * 320, y: 100 } })) };
    const { nodes, positioned } = definitionToCanvas(saved);
    expect(positioned).toBe(true);
    expect(nodes[0]!.position).toEqual({ x: 80, y: 100 });
  });
});

describe('editing helpers', () => {
  it('names new nodes after their type, numbering repeats', () => {
    expect(newNodeId('x.post', ['trigger'])).toBe('post');
    expect(newNodeId('x.post', ['trigger', 'post', 'post_2'])).toBe('post_3');
    expect(newNodeId('if', [])).toBe('check');
  });

  it('starts nodes with their required fields empty so validation points at them', () => {
    const problems = validateWorkflow(
      {
        trigger: { type: 'manual', params: {} },
        nodes: [
          { id: 'check', type: 'if', params: defaultNodeParams('if', 'acc') },
          { id: 'post', type: 'x.post', params: defaultNodeParams('x.post', null) },
        ],
        edges: [
          { from: 'trigger', to: 'check' },
          { from: 'check', to: 'post', label: 'true' },
        ],
      },
      { accountIds: ['acc'] },
    );
    expect(!problems.ok && problems.problems.map((problem) => [problem.nodeId, problem.field])).toEqual([
      ['post', 'params.accountId'],
      ['check', 'params.condition'],
      ['post', 'params.text'],
    ]);
  });

  it('refuses edges that would close a loop', () => {
    const edges = [canvasEdge('trigger', 'next', 'a'), canvasEdge('a', 'next', 'b')];
    expect(wouldCycle(edges, 'b', 'a')).toBe(true);
    expect(wouldCycle(edges, 'a', 'a')).toBe(true);
    expect(wouldCycle(edges, 'a', 'c')).toBe(false);
  });
});
