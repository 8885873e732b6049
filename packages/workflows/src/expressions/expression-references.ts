import { parseExpression } from './parse-expression';
import { splitTemplate } from './template-parts';

/** What a field's expressions read from the scope. */
export type ExpressionReferences = {
  /** Node ids read as `nodes.<id>`, in order of first use. */
  nodes: string[];
  /** Variable names read as `vars.<name>`, in order of first use. */
  vars: string[];
  /** Whether anything reads `trigger`. */
  trigger: boolean;
};

type AstNode = { type?: unknown; value?: unknown; steps?: unknown };

/**
 * Lists the nodes, variables and trigger a field's `{{ … }}` expressions read, from
 * JSONata's syntax tree (so `nodes.fetch` in a string literal does not count). Expressions
 * that do not parse are skipped: validation reports those.
 *
 * @example
 * expressionReferences('{{ nodes.fetch.body.title }} by {{ vars.author }} ({{ $$.trigger.body.id }})');
 * // { nodes: ['fetch'], vars: ['author'], trigger: true }
 */
export function expressionReferences(template: string): ExpressionReferences {
  const references: ExpressionReferences = { nodes: [], vars: [], trigger: false };
  if (!template.includes('{{')) return references;
  let parts;
  try {
    parts = splitTemplate(template);
  } catch {
    return references;
  }
  for (const part of parts) {
    if (part.kind !== 'expression') continue;
    try {
      collect(parseExpression(part.source).ast(), references);
    } catch {
      continue;
    }
  }
  return references;
}

/**
 * What one expression's source (without braces) reads.
 *
 * @throws ExpressionError when the expression does not parse.
 * @example
 * referencesOfExpression('nodes.pick.item'); // { nodes: ['pick'], vars: [], trigger: false }
 */
export function referencesOfExpression(source: string): ExpressionReferences {
  const references: ExpressionReferences = { nodes: [], vars: [], trigger: false };
  collect(parseExpression(source).ast(), references);
  return references;
}

function collect(node: unknown, references: ExpressionReferences): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, references);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const ast = node as AstNode;
  if (ast.type === 'path' && Array.isArray(ast.steps)) {
    recordRoot(ast.steps as AstNode[], references);
    // The steps themselves are names, not roots; only what hangs off them (filters, blocks) can read the scope anew.
    for (const step of ast.steps) collectChildren(step, references);
  }
  collectChildren(node, references);
}

function collectChildren(node: unknown, references: ExpressionReferences): void {
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'steps') collect(value, references);
  }
}

function recordRoot(steps: AstNode[], references: ExpressionReferences): void {
  // `$.nodes.x` and `$$.nodes.x` read the scope as explicitly as `nodes.x`.
  const start = steps[0]?.type === 'variable' && (steps[0].value === '' || steps[0].value === '$') ? 1 : 0;
  const [root, key] = [steps[start], steps[start + 1]];
  if (root?.type !== 'name') return;
  if (root.value === 'trigger') references.trigger = true;
  if (key?.type !== 'name' || typeof key.value !== 'string') return;
  if (root.value === 'nodes' && !references.nodes.includes(key.value)) references.nodes.push(key.value);
  if (root.value === 'vars' && !references.vars.includes(key.value)) references.vars.push(key.value);
}
