import { referencesOfExpression } from '../expressions/expression-references';
import { splitTemplate } from '../expressions/template-parts';
import { ExpressionError, quoteExpression } from '../expressions/expression-error';
import { upstreamNodes, type WorkflowGraph } from '../graph';
import { asRecord, type RawDefinition, type RawNode } from './raw-definition';
import { problemAt, type WorkflowProblem } from './workflow-problem';

/**
 * Problems in the `{{ … }}` expressions of every node's params: syntax errors, and reads of
 * `nodes.<id>` or `vars.<name>` that nothing before the node provides.
 *
 * @example
 * expressionProblems(raw);
 * // [{ nodeId: 'post', field: 'params.text', message: 'Expression `nodes.fetch.body` references nodes.fetch, which does not run before this node; …' }]
 */
export function expressionProblems(raw: RawDefinition): WorkflowProblem[] {
  const nodeIds = new Set(raw.graph.nodes.map((node) => node.id));
  return raw.nodes.flatMap((node) => {
    if (node.id === null) return [];
    const scope = availableTo(raw.graph, raw.nodes, node.id);
    return stringFields(node.params, ['params']).flatMap(([path, template]) => templateProblems(node, path, template, { ...scope, nodeIds }));
  });
}

type Available = { upstream: Set<string>; variables: Set<string>; nodeIds: Set<string> };

function templateProblems(node: RawNode, path: string[], template: string, available: Available): WorkflowProblem[] {
  const at = (message: string) => problemAt(node.id, path, message);
  let parts;
  try {
    parts = splitTemplate(template);
  } catch (error) {
    return error instanceof ExpressionError ? [at(error.message)] : [];
  }
  return parts.flatMap((part) => {
    if (part.kind !== 'expression') return [];
    try {
      const references = referencesOfExpression(part.source);
      const quoted = `Expression ${quoteExpression(part.source)}`;
      return [
        ...references.nodes.flatMap((id) => {
          if (!available.nodeIds.has(id)) return [at(`${quoted} references nodes.${id}, but there is no node '${id}' in this workflow.`)];
          if (!available.upstream.has(id)) {
            return [at(`${quoted} references nodes.${id}, which does not run before this node; connect '${id}' before '${node.id}' or read something that does.`)];
          }
          return [];
        }),
        ...references.vars
          .filter((name) => !available.variables.has(name))
          .map((name) => at(`${quoted} references vars.${name}, which no earlier set node defines; add a set node before '${node.id}' that defines ${name}.`)),
      ];
    } catch (error) {
      return error instanceof ExpressionError ? [at(error.message)] : [];
    }
  });
}

/** The nodes that may have run before `nodeId`, and the variables their `set` nodes define. */
function availableTo(graph: WorkflowGraph, nodes: RawNode[], nodeId: string): Omit<Available, 'nodeIds'> {
  const upstream = new Set(upstreamNodes(graph, nodeId));
  const variables = new Set(
    nodes
      .filter((node) => node.type === 'set' && node.id !== null && upstream.has(node.id))
      .flatMap((node) => Object.keys(asRecord(asRecord(node.params).variables))),
  );
  return { upstream, variables };
}

/**
 * Every string inside params with its path, e.g. `[['params', 'items', '2'], '{{ … }}']`.
 *
 * @example
 * stringFields({ text: 'Hi', items: ['a'] }, ['params']); // [[['params', 'text'], 'Hi'], [['params', 'items', '0'], 'a']]
 */
export function stringFields(value: unknown, path: string[]): Array<[string[], string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringFields(item, [...path, String(index)]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => stringFields(item, [...path, key]));
  return [];
}
