import type { WorkflowEdge } from './definition';

/** The part of a definition the graph functions read; a full `WorkflowDefinition` fits. */
export type WorkflowGraph = {
  nodes: readonly GraphNode[];
  edges: readonly Pick<WorkflowEdge, 'from' | 'to' | 'label'>[];
};
export type GraphNode = { id: string; type: string; params?: unknown };

/** The source of every run: edges from it start the graph. */
export const TRIGGER = 'trigger';

/**
 * Nodes to run after `from` finished along `label`, in edge order. The engine asks for
 * `next` (or a branch: `true`, a switch case, …) after success and `error` after a failure.
 *
 * @example
 * successors(definition, 'trigger', 'next'); // ['check']
 * successors(definition, 'check', 'true'); // ['post']
 */
export function successors(graph: WorkflowGraph, from: string, label: string): string[] {
  return graph.edges.filter((edge) => edge.from === from && edge.label === label).map((edge) => edge.to);
}

/**
 * The labels edges leaving a node may carry: `true`/`false` for if, each case and
 * `default` for switch, `next` otherwise; every node also has `error`. The trigger has `next`.
 *
 * @example
 * branchLabelsFor({ type: 'switch', params: { value: '{{ trigger.body.lang }}', cases: ['en', 'de'] } }); // ['en', 'de', 'default', 'error']
 */
export function branchLabelsFor(node: Pick<GraphNode, 'type' | 'params'> | typeof TRIGGER): string[] {
  if (node === TRIGGER) return ['next'];
  if (node.type === 'if') return ['true', 'false', 'error'];
  if (node.type === 'switch') return [...switchCases(node.params), 'default', 'error'];
  return ['next', 'error'];
}

/**
 * Every node that can run before `nodeId` in some run (its ancestors), nearest first.
 *
 * @example
 * upstreamNodes(definition, 'post'); // ['check']
 */
export function upstreamNodes(graph: WorkflowGraph, nodeId: string): string[] {
  const incoming = groupBy(
    graph.edges.filter((edge) => edge.from !== TRIGGER),
    (edge) => edge.to,
    (edge) => edge.from,
  );
  return walk(nodeId, (id) => incoming.get(id) ?? []).filter((id) => id !== nodeId);
}

/**
 * The nodes some run can reach from the trigger; the others never run.
 *
 * @example
 * reachableFromTrigger(definition).has('post'); // true
 */
export function reachableFromTrigger(graph: WorkflowGraph): Set<string> {
  const outgoing = groupBy(
    graph.edges,
    (edge) => edge.from,
    (edge) => edge.to,
  );
  return new Set(walk(TRIGGER, (id) => outgoing.get(id) ?? []).filter((id) => id !== TRIGGER));
}

/**
 * A loop in the graph as the node ids along it, first and last the same, or `null`. Runs
 * execute each node at most once, so a definition with a cycle is refused.
 *
 * @example
 * findCycle(definition); // ['check', 'post', 'check']
 */
export function findCycle(graph: WorkflowGraph): string[] | null {
  return cycleClosingEdges(graph)[0]?.cycle ?? null;
}

/**
 * The edges that close a loop, found by a depth-first walk from the trigger and then from
 * every other node: removing all of them leaves no cycle, so each is one problem to fix.
 *
 * @example
 * cycleClosingEdges(definition); // [{ edgeIndex: 4, cycle: ['check', 'post', 'check'] }]
 */
export function cycleClosingEdges(graph: WorkflowGraph): Array<{ edgeIndex: number; cycle: string[] }> {
  const outgoing = groupBy(
    [...graph.edges.keys()],
    (index) => graph.edges[index]!.from,
    (index) => index,
  );
  const finished = new Set<string>();
  const closing: Array<{ edgeIndex: number; cycle: string[] }> = [];
  const visit = (start: string) => {
    // Iterative so a long chain of nodes cannot overflow the call stack.
    const path: string[] = [start];
    const cursors: number[] = [0];
    while (path.length > 0) {
      const id = path.at(-1)!;
      const edgeIndex = outgoing.get(id)?.[cursors.at(-1)!];
      if (edgeIndex === undefined) {
        finished.add(id);
        path.pop();
        cursors.pop();
        continue;
      }
      cursors[cursors.length - 1]!++;
      const to = graph.edges[edgeIndex]!.to;
      const onPath = path.indexOf(to);
      if (onPath !== -1) closing.push({ edgeIndex, cycle: [...path.slice(onPath), to] });
      else if (!finished.has(to)) {
        path.push(to);
        cursors.push(0);
      }
    }
  };
  for (const start of [TRIGGER, ...graph.nodes.map((node) => node.id)]) if (!finished.has(start)) visit(start);
  return closing;
}

function groupBy<T, V>(items: readonly T[], key: (item: T) => string, value: (item: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(value(item));
    else groups.set(key(item), [value(item)]);
  }
  return groups;
}

/** Breadth-first from `start`, so nearer ids come first; `start` itself is included. */
function walk(start: string, neighbours: (id: string) => string[]): string[] {
  const seen = new Set([start]);
  const queue = [start];
  for (let index = 0; index < queue.length; index++) {
    for (const next of neighbours(queue[index]!)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return queue;
}

function switchCases(params: unknown): string[] {
  const cases = typeof params === 'object' && params !== null && 'cases' in params ? params.cases : undefined;
  return Array.isArray(cases) ? cases.filter((value): value is string => typeof value === 'string') : [];
}
