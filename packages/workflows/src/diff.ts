import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from './definition';

/** One field whose value differs between two versions; `field` is a dotted path (`params.text`). */
export type FieldChange = { field: string; before: unknown; after: unknown };

/** One difference between two versions of a workflow, with a sentence for the UI. */
export type WorkflowChange = { summary: string } & (
  | { kind: 'trigger_changed'; changes: FieldChange[] }
  | { kind: 'node_added'; nodeId: string; node: WorkflowNode }
  | { kind: 'node_removed'; nodeId: string; node: WorkflowNode }
  | { kind: 'node_changed'; nodeId: string; changes: FieldChange[] }
  | { kind: 'edge_added'; edge: WorkflowEdge }
  | { kind: 'edge_removed'; edge: WorkflowEdge }
  | { kind: 'settings_changed'; changes: FieldChange[] }
);

/**
 * What changed from one version to the next, in reading order: trigger, nodes (removed,
 * added, changed, each field with its old and new value), edges, settings. Node order and
 * canvas positions do not count: they change nothing a run does.
 *
 * @example
 * diffDefinitions(v1, v2).map((change) => change.summary);
 * // ["Trigger: params.cron '0 9 * * *' → '0 10 * * *'.", "Added x.like node 'like'.", 'Connected check → like (true).']
 */
export function diffDefinitions(before: WorkflowDefinition, after: WorkflowDefinition): WorkflowChange[] {
  const changes: WorkflowChange[] = [];
  const triggerChanges = fieldChanges(before.trigger, after.trigger);
  if (triggerChanges.length > 0) changes.push({ kind: 'trigger_changed', changes: triggerChanges, summary: `Trigger: ${describeChanges(triggerChanges)}.` });

  const beforeNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const afterNodes = new Map(after.nodes.map((node) => [node.id, node]));
  for (const node of before.nodes) {
    if (!afterNodes.has(node.id)) changes.push({ kind: 'node_removed', nodeId: node.id, node, summary: `Removed ${describeNode(node)}.` });
  }
  for (const node of after.nodes) {
    const previous = beforeNodes.get(node.id);
    if (previous === undefined) {
      changes.push({ kind: 'node_added', nodeId: node.id, node, summary: `Added ${describeNode(node)}.` });
      continue;
    }
    const nodeChanges = fieldChanges(withoutPosition(previous), withoutPosition(node));
    if (nodeChanges.length > 0) {
      changes.push({ kind: 'node_changed', nodeId: node.id, changes: nodeChanges, summary: `Changed node '${node.id}': ${describeChanges(nodeChanges)}.` });
    }
  }

  const edgeKey = (edge: WorkflowEdge) => JSON.stringify([edge.from, edge.to, edge.label]);
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  for (const edge of before.edges) {
    if (!afterEdges.has(edgeKey(edge))) changes.push({ kind: 'edge_removed', edge, summary: `Disconnected ${describeEdge(edge)}.` });
  }
  for (const edge of after.edges) {
    if (!beforeEdges.has(edgeKey(edge))) changes.push({ kind: 'edge_added', edge, summary: `Connected ${describeEdge(edge)}.` });
  }

  const settingsChanges = fieldChanges(before.settings, after.settings);
  if (settingsChanges.length > 0) changes.push({ kind: 'settings_changed', changes: settingsChanges, summary: `Settings: ${describeChanges(settingsChanges)}.` });
  return changes;
}

/**
 * Leaf-level differences between two JSON values. Lists of the same length are compared
 * item by item; a list that grew or shrank is one change, so a reader sees it whole.
 */
function fieldChanges(before: unknown, after: unknown, path: string[] = []): FieldChange[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => fieldChanges(item, after[index], [...path, String(index)]));
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => fieldChanges(before[key], after[key], [...path, key]));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ field: path.join('.'), before, after }];
}

function describeChanges(changes: FieldChange[]): string {
  return changes.map((change) => `${change.field} ${describeValue(change.before)} → ${describeValue(change.after)}`).join('; ');
}

function describeValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function describeNode(node: WorkflowNode): string {
  return `${node.type} node '${node.id}'${node.name ? ` (${node.name})` : ''}`;
}

function describeEdge(edge: WorkflowEdge): string {
  if (edge.label === 'next') return `${edge.from} → ${edge.to}`;
  if (edge.label === 'error') return `${edge.from} → ${edge.to} on error`;
  return `${edge.from} → ${edge.to} (${edge.label})`;
}

function withoutPosition(node: WorkflowNode): Omit<WorkflowNode, 'position'> {
  const { position: _position, ...rest } = node;
  return rest;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
