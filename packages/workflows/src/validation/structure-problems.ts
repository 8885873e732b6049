import { NODE_TYPES } from '../definition';
import { branchLabelsFor, cycleClosingEdges, reachableFromTrigger, TRIGGER } from '../graph';
import type { RawDefinition } from './raw-definition';
import { problemAt, type WorkflowProblem } from './workflow-problem';

/**
 * Problems with how the nodes are wired: repeated or reserved ids, edges to or from nodes
 * that do not exist, labels the source node cannot take, repeated edges, a trigger with
 * nothing after it, nodes that never run, and loops.
 *
 * @example
 * structureProblems(readRawDefinition(input)); // [{ nodeId: 'alert', field: null, message: "Node 'alert' has no incoming edge, …" }]
 */
export function structureProblems(raw: RawDefinition): WorkflowProblem[] {
  return [...nodeIdProblems(raw), ...edgeProblems(raw), ...reachabilityProblems(raw), ...loopProblems(raw)];
}

function nodeIdProblems(raw: RawDefinition): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const seen = new Map<string, number>();
  for (const node of raw.nodes) {
    if (node.id === null) continue;
    if (node.id === TRIGGER) {
      problems.push(problemAt(null, ['nodes', node.index, 'id'], "A node cannot be called 'trigger': edges use that name for the workflow's trigger. Rename the node."));
    }
    const count = (seen.get(node.id) ?? 0) + 1;
    seen.set(node.id, count);
    if (count === 2) {
      const total = raw.nodes.filter((other) => other.id === node.id).length;
      problems.push(problemAt(node.id, ['id'], `Node id '${node.id}' is used by ${total} nodes; give each node its own id.`));
    }
  }
  return problems;
}

function edgeProblems(raw: RawDefinition): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const nodesById = new Map(raw.graph.nodes.map((node) => [node.id, node]));
  const firstEdgeByKey = new Map<string, number>();
  for (const edge of raw.graph.edges) {
    const source = edge.from === TRIGGER ? TRIGGER : nodesById.get(edge.from);
    const sourceName = edge.from === TRIGGER ? 'the trigger' : `'${edge.from}'`;
    if (source === undefined) {
      problems.push(
        problemAt(null, ['edges', edge.index, 'from'], `Edge ${edge.index} starts at '${edge.from}', which is not a node in this workflow; start it at the trigger or an existing node.`),
      );
    }
    if (!nodesById.has(edge.to)) {
      problems.push(problemAt(source === undefined ? null : edge.from, ['edges', edge.index, 'to'], `Edge ${edge.index} from ${sourceName} leads to '${edge.to}', which is not a node in this workflow.`));
    }
    if (source !== undefined && (source === TRIGGER || (NODE_TYPES as readonly string[]).includes(source.type))) {
      const labels = branchLabelsFor(source);
      if (!labels.includes(edge.label)) {
        problems.push(problemAt(edge.from, ['edges', edge.index, 'label'], `Edge ${edge.index} from ${sourceName} is labelled '${edge.label}', but ${labelRule(source)}.`));
      }
    }
    const key = JSON.stringify([edge.from, edge.to, edge.label]);
    const first = firstEdgeByKey.get(key);
    if (first === undefined) firstEdgeByKey.set(key, edge.index);
    else problems.push(problemAt(source === undefined ? null : edge.from, ['edges', edge.index], `Edge ${edge.index} repeats edge ${first} (${edge.from} → ${edge.to}, ${edge.label}); remove one.`));
  }
  return problems;
}

function labelRule(source: typeof TRIGGER | { type: string; params?: unknown }): string {
  if (source === TRIGGER) return 'edges from the trigger are labelled next';
  const labels = branchLabelsFor(source);
  if (source.type === 'switch') {
    const cases = labels.slice(0, -2);
    return `a switch node's edges are labelled with one of its cases${cases.length > 0 ? ` (${cases.join(', ')})` : ''}, default or error`;
  }
  return `${/^(x\.|[aeiou]|http)/.test(source.type) ? 'an' : 'a'} ${source.type} node's edges are labelled ${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}

function reachabilityProblems(raw: RawDefinition): WorkflowProblem[] {
  const { graph } = raw;
  const problems: WorkflowProblem[] = [];
  if (!graph.edges.some((edge) => edge.from === TRIGGER)) {
    problems.push(problemAt(TRIGGER, [], 'Nothing follows the trigger, so a run would do nothing; add an edge from the trigger to the first node.'));
  }
  const reachable = reachableFromTrigger(graph);
  const reported = new Set<string>();
  for (const node of graph.nodes) {
    if (reachable.has(node.id) || reported.has(node.id)) continue;
    reported.add(node.id);
    const sources = [...new Set(graph.edges.filter((edge) => edge.to === node.id).map((edge) => edge.from))];
    problems.push(
      problemAt(
        node.id,
        [],
        sources.length === 0
          ? `Node '${node.id}' has no incoming edge, so it never runs; connect it from the trigger or an earlier node, or delete it.`
          : `Node '${node.id}' is not reachable from the trigger: it only follows ${sources.map((id) => `'${id}'`).join(', ')}, which never run.`,
      ),
    );
  }
  return problems;
}

function loopProblems(raw: RawDefinition): WorkflowProblem[] {
  return cycleClosingEdges(raw.graph).map(({ edgeIndex, cycle }) => {
    const edge = raw.graph.edges[edgeIndex]!;
    return problemAt(
      edge.from,
      ['edges', edge.index],
      `Nodes ${cycle.join(' → ')} form a loop, and a run executes each node at most once; remove the edge from '${edge.from}' to '${edge.to}' (to repeat work, use a schedule trigger).`,
    );
  });
}
