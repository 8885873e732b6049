import type { Edge, Node } from '@xyflow/svelte';
import { branchLabelsFor, NODE_CATALOG, type NodeType, type TriggerType } from '@tweetflow/workflows';

/** What a canvas node carries: the trigger or one workflow node, as the definition has it. */
export type StepData = {
  kind: 'trigger' | 'action';
  /** The trigger's or node's type (`webhook`, `x.post`, `if`, …). */
  type: string;
  name?: string;
  params: Record<string, unknown>;
  retry?: { maxAttempts: number; backoffSeconds: number };
};
export type CanvasNode = Node<StepData, 'step'>;
/** An edge's branch label is both its source handle and its `data.label`. */
export type CanvasEdge = Edge<{ label: string }>;

export type WorkflowSettingsDraft = Record<string, unknown>;
export type DefinitionDraft = {
  trigger: { type: string; params: Record<string, unknown> };
  nodes: Array<{ id: string; type: string; name?: string; params: Record<string, unknown>; retry?: StepData['retry']; position?: { x: number; y: number } }>;
  edges: Array<{ from: string; to: string; label: string }>;
  settings?: WorkflowSettingsDraft;
  schemaVersion?: number;
};

export const TRIGGER_ID = 'trigger';

/** Short, readable ids, since expressions name nodes by id (`nodes.post.url`). */
const ID_BASE: Record<NodeType, string> = {
  'x.post': 'post',
  'x.reply': 'reply',
  'x.thread': 'thread',
  'x.quote': 'quote',
  'x.like': 'like',
  'x.repost': 'repost',
  'x.delete': 'delete_post',
  wait: 'wait',
  if: 'check',
  switch: 'route',
  set: 'set_vars',
  format: 'format',
  pick: 'pick',
  http: 'http',
  notify: 'notify',
};

/**
 * A free id for a new node of the type: `post`, then `post_2`, `post_3`, …
 *
 * @example
 * newNodeId('x.post', ['trigger', 'post']); // 'post_2'
 */
export function newNodeId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = ID_BASE[type as NodeType] ?? (type.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z]+/, '') || 'step');
  if (!used.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!used.has(`${base}_${suffix}`)) return `${base}_${suffix}`;
}

/**
 * The params a new node starts with: required texts empty (so the editor points at them),
 * the given account chosen, choices at their usual value.
 *
 * @example
 * defaultNodeParams('x.post', 'acc_1'); // { accountId: 'acc_1', text: '' }
 */
export function defaultNodeParams(type: string, accountId: string | null): Record<string, unknown> {
  const account = { accountId: accountId ?? '' };
  switch (type as NodeType) {
    case 'x.post':
    case 'x.quote':
      return { ...account, text: '', ...(type === 'x.quote' ? { quotePostId: '' } : {}) };
    case 'x.reply':
      return { ...account, text: '', inReplyTo: '{{ trigger.post.id }}' };
    case 'x.thread':
      return { ...account, items: [''] };
    case 'x.like':
    case 'x.repost':
    case 'x.delete':
      return { ...account, postId: '' };
    case 'wait':
      return { mode: 'duration', seconds: 60 };
    case 'if':
      return { condition: '' };
    case 'switch':
      return { value: '', cases: ['first'] };
    case 'set':
      return { variables: { name: '' } };
    case 'format':
      return { template: '', truncateForX: false };
    case 'pick':
      return { items: [''], strategy: 'random', cooldownDays: 0 };
    case 'http':
      return { method: 'GET', url: '', headers: {} };
    case 'notify':
      return { channel: 'in_app', title: '', body: '' };
  }
  return {};
}

/**
 * The params a trigger starts with.
 *
 * @example
 * defaultTriggerParams('schedule', null); // { mode: 'cron', cron: '0 9 * * *', timezone: 'UTC' }
 */
export function defaultTriggerParams(type: string, accountId: string | null, timezone = 'UTC'): Record<string, unknown> {
  switch (type as TriggerType) {
    case 'schedule':
      return { mode: 'cron', cron: '0 9 * * *', timezone };
    case 'webhook':
      return { requireSignature: false };
    case 'manual':
      return {};
    case 'x.mention':
    case 'x.reply':
      return { accountId: accountId ?? '', pollSeconds: 60 };
    case 'x.search':
      return { accountId: accountId ?? '', query: '', pollSeconds: 60 };
  }
  return {};
}

/** The labels a node's outgoing edges may carry: each becomes a handle on its right side. */
export function branchHandles(data: StepData): string[] {
  return data.kind === 'trigger' ? ['next'] : branchLabelsFor({ type: data.type, params: data.params });
}

/** The canvas edge for a definition edge: its id, handle, label and the colour of its branch. */
export function canvasEdge(from: string, label: string, to: string): CanvasEdge {
  return {
    id: `${from}|${label}|${to}`,
    source: from,
    target: to,
    sourceHandle: label,
    type: 'smoothstep',
    ...(label === 'next' ? {} : { label }),
    class: `branch-${label === 'true' || label === 'false' || label === 'error' ? label : 'case'}`,
    data: { label },
  };
}

/**
 * The canvas for a definition; nodes without a saved position are placed by the caller
 * (auto-layout).
 */
export function definitionToCanvas(definition: DefinitionDraft): { nodes: CanvasNode[]; edges: CanvasEdge[]; positioned: boolean } {
  const trigger: CanvasNode = {
    id: TRIGGER_ID,
    type: 'step',
    position: triggerPositionFor(definition),
    deletable: false,
    data: { kind: 'trigger', type: definition.trigger.type, params: { ...definition.trigger.params } },
  };
  const nodes: CanvasNode[] = definition.nodes.map((node) => ({
    id: node.id,
    type: 'step',
    position: node.position ?? { x: 0, y: 0 },
    data: { kind: 'action', type: node.type, params: structuredClone(node.params), ...(node.name ? { name: node.name } : {}), ...(node.retry ? { retry: node.retry } : {}) },
  }));
  const edges = definition.edges.map((edge) => canvasEdge(edge.from, edge.label ?? 'next', edge.to));
  return { nodes: [trigger, ...nodes], edges, positioned: definition.nodes.every((node) => node.position !== undefined) };
}

/**
 * The trigger has no saved position (the definition format has none for it): it goes one
 * column left of the nodes it starts, level with them.
 */
function triggerPositionFor(definition: DefinitionDraft): { x: number; y: number } {
  const placed = definition.nodes.flatMap((node) => (node.position ? [{ id: node.id, ...node.position }] : []));
  if (placed.length === 0) return { x: 0, y: 0 };
  const first = new Set(definition.edges.filter((edge) => edge.from === TRIGGER_ID).map((edge) => edge.to));
  const followers = placed.filter((node) => first.has(node.id));
  const level = followers.length > 0 ? followers : placed;
  return { x: Math.min(...placed.map((node) => node.x)) - COLUMN_GAP, y: level.reduce((sum, node) => sum + node.y, 0) / level.length };
}

/** Horizontal distance between a node and the next column, as the auto-layout spaces them. */
export const COLUMN_GAP = 320;

/**
 * The definition the canvas shows, as `workflows.save` takes it. Positions are kept (the
 * engine ignores them) so the canvas opens as it was left.
 */
export function canvasToDefinition(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[], settings: WorkflowSettingsDraft | undefined): DefinitionDraft {
  const trigger = nodes.find((node) => node.data.kind === 'trigger');
  return {
    trigger: { type: trigger?.data.type ?? 'manual', params: trigger?.data.params ?? {} },
    nodes: nodes
      .filter((node) => node.data.kind === 'action')
      .map((node) => ({
        id: node.id,
        type: node.data.type,
        ...(node.data.name ? { name: node.data.name } : {}),
        params: node.data.params,
        ...(node.data.retry ? { retry: node.data.retry } : {}),
        position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      })),
    edges: edges.map((edge) => ({ from: edge.source, to: edge.target, label: edge.data?.label ?? edge.sourceHandle ?? 'next' })),
    ...(settings ? { settings } : {}),
  };
}

/**
 * Whether an edge from `source` to `target` would close a loop (the engine refuses loops):
 * true when `source` is reachable from `target` already.
 */
export function wouldCycle(edges: readonly Pick<CanvasEdge, 'source' | 'target'>[], source: string, target: string): boolean {
  if (source === target) return true;
  const seen = new Set([target]);
  const queue = [target];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const edge of edges) {
      if (edge.source !== current || seen.has(edge.target)) continue;
      if (edge.target === source) return true;
      seen.add(edge.target);
      queue.push(edge.target);
    }
  }
  return false;
}

/** The label a canvas node shows: its name, or its type's label. */
export function stepLabel(data: StepData, triggerLabels: Record<string, { label: string }>): string {
  if (data.name) return data.name;
  if (data.kind === 'trigger') return triggerLabels[data.type]?.label ?? data.type;
  return NODE_CATALOG[data.type as NodeType]?.label ?? data.type;
}
