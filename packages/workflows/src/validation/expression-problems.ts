import { referencesOfExpression } from '../expressions/expression-references';
import { splitTemplate, wholeExpression } from '../expressions/template-parts';
import { ExpressionError, quoteExpression } from '../expressions/expression-error';
import { upstreamNodes, type WorkflowGraph } from '../graph';
import { asRecord, type RawDefinition, type RawNode } from './raw-definition';
import { problemAt, type WorkflowProblem } from './workflow-problem';

/**
 * Problems in the `{{ … }}` expressions of every node's params (and in `if` conditions and
 * `switch` values, which are expressions with or without braces): syntax errors, and reads
 * of `nodes.<id>` or `vars.<name>` that nothing before the node provides.
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
    return stringFields(node.params, ['params']).flatMap(([path, template]) => {
      if (!isCondition(node, path)) return templateProblems(node, path, template, { ...scope, nodeIds });
      if (!template.includes('{{')) return expressionSourceProblems(node, path, template.trim(), { ...scope, nodeIds });
      const problems = templateProblems(node, path, template, { ...scope, nodeIds });
      return problems.length > 0 || wholeExpressionOrNull(template) !== null
        ? problems
        : [problemAt(node.id, path, `${path.join('.')} must be one expression, not text around expressions; write e.g. {{ vars.a > 1 and vars.b }}.`)];
    });
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
  return parts.flatMap((part) => (part.kind === 'expression' ? expressionSourceProblems(node, path, part.source, available) : []));
}

function expressionSourceProblems(node: RawNode, path: string[], source: string, available: Available): WorkflowProblem[] {
  const at = (message: string) => problemAt(node.id, path, message);
  let references;
  try {
    references = referencesOfExpression(source);
  } catch (error) {
    return error instanceof ExpressionError ? [at(error.message)] : [];
  }
  const quoted = `Expression ${quoteExpression(source)}`;
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
}

function wholeExpressionOrNull(template: string): string | null {
  try {
    return wholeExpression(template);
  } catch {
    return null;
  }
}

/** `if` conditions and `switch` values are expressions even when written without braces. */
function isCondition(node: RawNode, path: string[]): boolean {
  const field = path.join('.');
  return (node.type === 'if' && field === 'params.condition') || (node.type === 'switch' && field === 'params.value');
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
