import { describe, expect, it } from 'vitest';
import { branchLabelsFor, cycleClosingEdges, findCycle, reachableFromTrigger, successors, upstreamNodes } from './graph';
import { launchWorkflow } from './test-data';

describe('successors', () => {
  it('follows the trigger, branches and error edges in edge order', () => {
    const definition = launchWorkflow();
    expect(successors(definition, 'trigger', 'next')).toEqual(['check']);
    expect(successors(definition, 'check', 'true')).toEqual(['post']);
    expect(successors(definition, 'check', 'false')).toEqual(['skipped']);
    expect(successors(definition, 'post', 'error')).toEqual(['alert']);
    expect(successors(definition, 'post', 'next')).toEqual([]);
  });

  it('fans out to several nodes on one label', () => {
    const definition = launchWorkflow();
    const fanOut = { ...definition, edges: [...definition.edges, { from: 'check', to: 'alert', label: 'true' }] };
    expect(successors(fanOut, 'check', 'true')).toEqual(['post', 'alert']);
  });
});

describe('upstreamNodes', () => {
  it('lists every node that can run before, nearest first', () => {
    const definition = launchWorkflow();
    expect(upstreamNodes(definition, 'alert')).toEqual(['post', 'check']);
    expect(upstreamNodes(definition, 'check')).toEqual([]);
  });

  it('includes both sides of a branch that merges again', () => {
    const definition = launchWorkflow();
    const merged = { ...definition, edges: [...definition.edges, { from: 'skipped', to: 'alert', label: 'next' }] };
    expect(upstreamNodes(merged, 'alert')).toEqual(['post', 'skipped', 'check']);
  });
});

describe('reachableFromTrigger', () => {
  it('leaves out nodes no edge leads to', () => {
    const definition = launchWorkflow();
    const orphaned = { ...definition, edges: definition.edges.filter((edge) => edge.to !== 'alert') };
    expect(reachableFromTrigger(orphaned)).toEqual(new Set(['check', 'post', 'skipped']));
  });
});

describe('findCycle and cycleClosingEdges', () => {
  it('finds no cycle in a tree', () => {
    expect(findCycle(launchWorkflow())).toBeNull();
  });

  it('returns the loop as a path that ends where it starts', () => {
    const definition = launchWorkflow();
    const looped = { ...definition, edges: [...definition.edges, { from: 'alert', to: 'check', label: 'next' }] };
    expect(findCycle(looped)).toEqual(['check', 'post', 'alert', 'check']);
  });

  it('names one closing edge per loop, including a node pointing at itself', () => {
    const definition = launchWorkflow();
    const edges = [...definition.edges, { from: 'alert', to: 'post', label: 'next' }, { from: 'skipped', to: 'skipped', label: 'error' }];
    expect(cycleClosingEdges({ ...definition, edges })).toEqual([
      { edgeIndex: 4, cycle: ['post', 'alert', 'post'] },
      { edgeIndex: 5, cycle: ['skipped', 'skipped'] },
    ]);
  });
});

describe('branchLabelsFor', () => {
  it('gives each node kind its labels, error included', () => {
    expect(branchLabelsFor({ type: 'if', params: { condition: '{{ true }}' } })).toEqual(['true', 'false', 'error']);
    expect(branchLabelsFor({ type: 'switch', params: { value: '{{ trigger.body.lang }}', cases: ['en', 'de'] } })).toEqual(['en', 'de', 'default', 'error']);
    expect(branchLabelsFor({ type: 'x.post', params: {} })).toEqual(['next', 'error']);
    expect(branchLabelsFor('trigger')).toEqual(['next']);
  });
});
