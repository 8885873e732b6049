import { workflowDefinitionSchema, type WorkflowDefinition } from '../definition';
import { expressionProblems } from './expression-problems';
import { paramProblems } from './param-problems';
import { readRawDefinition } from './raw-definition';
import { schemaProblems } from './schema-problems';
import { structureProblems } from './structure-problems';
import type { WorkflowProblem } from './workflow-problem';

export type WorkflowValidation = { ok: true; definition: WorkflowDefinition } | { ok: false; problems: WorkflowProblem[] };

/**
 * Checks a definition completely and reports every problem at once, each at its node (or
 * `'trigger'`) and field: schema errors (unknown node types, missing or wrong parameters),
 * wiring (repeated ids, edges to nowhere, labels a node cannot take, nodes that never run,
 * loops), expressions (syntax, reads of nodes or variables that nothing before provides),
 * X accounts outside the workspace, cron expressions and time zones. When there is none,
 * returns the definition with defaults filled in.
 *
 * @example
 * const result = validateWorkflow(input, { accountIds: ['acc_1'] });
 * if (!result.ok) for (const p of result.problems) console.log(p.nodeId, p.field, p.message);
 */
export function validateWorkflow(definition: unknown, context: { accountIds: readonly string[] }): WorkflowValidation {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    return { ok: false, problems: [{ nodeId: null, field: null, message: 'A workflow definition must be a JSON object with a trigger, nodes and edges.' }] };
  }
  const raw = readRawDefinition(definition);
  const problems = unique([
    ...schemaProblems(definition, raw),
    ...structureProblems(raw),
    ...expressionProblems(raw),
    ...paramProblems(raw, context, definition),
  ]);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, definition: workflowDefinitionSchema.parse(definition) };
}

function unique(problems: WorkflowProblem[]): WorkflowProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify([problem.nodeId, problem.field, problem.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
