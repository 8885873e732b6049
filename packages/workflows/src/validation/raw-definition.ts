import type { WorkflowGraph } from '../graph';

/** A node as written, before the schema vouches for it: any part may be missing or wrong. */
export type RawNode = { index: number; id: string | null; type: string | null; params: unknown };

/** The parts of an unparsed definition that validation can still reason about. */
export type RawDefinition = {
  trigger: { type: string | null; params: unknown };
  nodes: RawNode[];
  /** Only edges whose ends are strings; `label` defaults to `next` as in the schema. */
  graph: WorkflowGraph & { edges: Array<{ from: string; to: string; label: string; index: number }> };
};

/**
 * Reads what it can from a definition that has not passed the schema, so graph and
 * expression problems are reported alongside schema problems rather than after them.
 *
 * @example
 * readRawDefinition({ trigger: { type: 'manual' }, nodes: [{ id: 'a', type: 'if' }], edges: [] }).nodes[0]; // { index: 0, id: 'a', type: 'if', params: undefined }
 */
export function readRawDefinition(input: unknown): RawDefinition {
  const root = asRecord(input);
  const trigger = asRecord(root.trigger);
  const nodes = asArray(root.nodes).map((value, index): RawNode => {
    const node = asRecord(value);
    return { index, id: asString(node.id), type: asString(node.type), params: node.params };
  });
  const edges = asArray(root.edges).flatMap((value, index) => {
    const edge = asRecord(value);
    const [from, to] = [asString(edge.from), asString(edge.to)];
    if (from === null || to === null) return [];
    return [{ from, to, label: edge.label === undefined ? 'next' : String(edge.label), index }];
  });
  const graphNodes = nodes.flatMap((node) => (node.id === null ? [] : [{ id: node.id, type: node.type ?? '', params: node.params }]));
  return { trigger: { type: asString(trigger.type), params: trigger.params }, nodes, graph: { nodes: graphNodes, edges } };
}

/**
 * The value as an object to read fields from; anything else reads as empty.
 *
 * @example
 * asRecord(['a']).accountId; // undefined
 */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
