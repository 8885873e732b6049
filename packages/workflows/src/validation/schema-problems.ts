import type { z } from 'zod';
import { NODE_TYPES, triggerSchema, workflowDefinitionSchema } from '../definition';
import type { RawDefinition } from './raw-definition';
import { problemAt, type WorkflowProblem } from './workflow-problem';

const TRIGGER_TYPES = triggerSchema.options.map((option) => option.shape.type.value);

/**
 * Every schema problem in a definition, each placed at its node or the trigger with the
 * field's path inside it, in words: "params.text is required.", "Unknown node type 'x.tweet';
 * choose one of x.post, …".
 *
 * @example
 * schemaProblems(input, readRawDefinition(input)); // [{ nodeId: 'post', field: 'params.accountId', message: 'params.accountId is required.' }]
 */
export function schemaProblems(input: unknown, raw: RawDefinition): WorkflowProblem[] {
  const result = workflowDefinitionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issueProblem(issue, raw, input));
}

function issueProblem(issue: z.core.$ZodIssue, raw: RawDefinition, input: unknown): WorkflowProblem {
  const [section, index, ...rest] = issue.path;
  // Zod leaves the offending value out of its issues; the message needs it ("not a number").
  const describe = (path: ReadonlyArray<PropertyKey>) => describeIssue(issue, path, valueAt(input, issue.path));
  if (section === 'trigger') {
    const path = issue.path.slice(1);
    if (path.join('.') === 'type' && issue.code === 'invalid_union') {
      return problemAt('trigger', path, unknownTypeMessage('trigger', raw.trigger.type, TRIGGER_TYPES));
    }
    return problemAt('trigger', path, describe(path));
  }
  if (section === 'nodes' && typeof index === 'number') {
    const nodeId = raw.nodes[index]?.id ?? null;
    if (rest.length === 0) return problemAt(null, ['nodes', index], `nodes.${index} must be an object with an id, a type and params.`);
    // Without an id the editor cannot place the problem on a node, so the path starts at the root.
    const path = nodeId === null ? issue.path : rest;
    if (rest.join('.') === 'type' && issue.code === 'invalid_union') {
      return problemAt(nodeId, path, unknownTypeMessage('node', raw.nodes[index]?.type ?? null, NODE_TYPES));
    }
    return problemAt(nodeId, path, describe(path));
  }
  if (section === 'edges' && typeof index === 'number') {
    const from = valueAt(input, ['edges', index, 'from']);
    return problemAt(typeof from === 'string' ? from : null, issue.path, describe(issue.path));
  }
  if (section === 'schemaVersion') {
    return problemAt(null, issue.path, 'schemaVersion must be 1: this version of TweetFlow reads workflow definitions of version 1.');
  }
  return problemAt(null, issue.path, describe(issue.path));
}

function unknownTypeMessage(kind: 'node' | 'trigger', type: string | null, known: readonly string[]): string {
  const choices = `choose one of ${known.join(', ')}`;
  return type === null ? `The ${kind} needs a type; ${choices}.` : `Unknown ${kind} type '${type}'; ${choices}.`;
}

/** Zod's own messages ("Invalid input: …", "Too small: …") rephrased; messages written in the schema are kept. */
function describeIssue(issue: z.core.$ZodIssue, path: ReadonlyArray<PropertyKey>, value: unknown): string {
  const field = path.map(String).join('.') || 'The value';
  const custom = !/^(Invalid|Too (small|big)|Unrecognized)/.test(issue.message);
  if (custom) return `${field}: ${issue.message}`;
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `${field} is required.` : `${field} must be ${withArticle(issue.expected)}, not ${kindOf(value)}.`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `${field} must be ${JSON.stringify(issue.values[0])}.`
        : `${field} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}.`;
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options)
        ? `${field} must be one of ${issue.options.map((option) => JSON.stringify(option)).join(', ')}.`
        : unionMessage(field, issue.errors, value);
    case 'too_small':
      return `${field} must ${sizeLimit('at least', issue.origin, Number(issue.minimum))}.`;
    case 'too_big':
      return `${field} must ${sizeLimit('at most', issue.origin, Number(issue.maximum))}.`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? `${field} must be a date and time with an offset, like 2025-06-07T09:00:00Z or 2025-06-07T11:00:00+02:00.`
        : `${field} is not in the expected format (${issue.format}).`;
    case 'invalid_key':
      return path.includes('variables')
        ? `${field}: variable names use letters, digits and _, and do not start with a digit.`
        : `${field} is not an allowed key.`;
    default:
      return `${field}: ${issue.message}`;
  }
}

/** "must be an array or a string, not a number" when every alternative failed on the value's type. */
function unionMessage(field: string, alternatives: z.core.$ZodIssue[][], value: unknown): string {
  const expected = alternatives.map((issues) => {
    const [first] = issues;
    return issues.length === 1 && first?.code === 'invalid_type' && first.path.length === 0 ? first.expected : null;
  });
  if (expected.some((type) => type === null)) return `${field} does not match any allowed form.`;
  return `${field} must be ${expected.map((type) => withArticle(String(type))).join(' or ')}, not ${kindOf(value)}.`;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function sizeLimit(bound: 'at least' | 'at most', origin: string, limit: number): string {
  if (origin === 'string') return limit === 1 && bound === 'at least' ? 'not be empty' : `be ${bound} ${limit} characters long`;
  if (origin === 'array') return `have ${bound} ${limit} ${limit === 1 ? 'item' : 'items'}`;
  return `be ${bound} ${limit}`;
}

function withArticle(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return withArticle(typeof value);
}
