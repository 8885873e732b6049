import { EXPRESSION_FUNCTIONS, NODE_CATALOG, TRIGGER_CATALOG, upstreamNodes, type ExpressionScope, type NodeType, type TriggerType } from '@tweetflow/workflows';
import type { DefinitionDraft } from './workflow-graph.ts';

export type SuggestionKind = 'trigger' | 'node' | 'var' | 'run' | 'function';
/** One thing an expression can use; `insert` replaces the word being typed. */
export type Suggestion = { insert: string; label: string; detail: string; kind: SuggestionKind };

/** What the last test run saw, for field names and the live preview. */
export type RunSample = { triggerOutput: unknown; outputs: Record<string, unknown>; vars: Record<string, unknown>; runId: string; startedAt: string | null };

/** JSONata's own functions people reach for most, with what they do. */
const JSONATA_FUNCTIONS: Array<[string, string]> = [
  ['$contains(text, pattern)', 'Whether the text contains the pattern (text or /regex/).'],
  ['$lowercase(text)', 'The text in lower case.'],
  ['$uppercase(text)', 'The text in upper case.'],
  ['$trim(text)', 'The text without surrounding spaces.'],
  ['$substring(text, start, [length])', 'Part of the text.'],
  ['$replace(text, pattern, replacement)', 'The text with matches replaced.'],
  ['$split(text, separator)', 'A list of the parts.'],
  ['$join(list, [separator])', 'The items joined into one text.'],
  ['$length(text)', 'How many characters.'],
  ['$count(list)', 'How many items.'],
  ['$exists(value)', 'Whether the value is there.'],
  ['$string(value)', 'The value as text.'],
  ['$number(value)', 'The value as a number.'],
  ['$now()', 'The current time, ISO 8601.'],
  ['$sum(list)', 'The total of the numbers.'],
  ['$round(number, [precision])', 'The number rounded.'],
];

/**
 * The field names an outputs description lists, as dotted paths.
 *
 * @example
 * outputFields('{ post: { id, text }, url }'); // ['post', 'post.id', 'post.text', 'url']
 */
export function outputFields(description: string): string[] {
  const open = description.indexOf('{');
  if (open === -1) return [];
  const fields: string[] = [];
  const parents: string[] = [];
  let key = '';
  let last = '';
  // Names count only where a key stands: right after `{` or `,`; `<placeholders>` and values after `:` do not.
  let expectKey = true;
  let inPlaceholder = false;
  for (const char of description.slice(open + 1)) {
    if (inPlaceholder) {
      inPlaceholder = char !== '>';
      continue;
    }
    if (/[A-Za-z0-9_]/.test(char)) {
      if (expectKey) key += char;
      continue;
    }
    if (key) {
      fields.push([...parents, key].join('.'));
      last = key;
      key = '';
      expectKey = false;
    }
    if (char === '<') inPlaceholder = true;
    else if (char === '{') {
      parents.push(last);
      expectKey = true;
    } else if (char === ',') expectKey = true;
    else if (char === ':') expectKey = false;
    else if (char === '}') {
      if (parents.length === 0) break;
      parents.pop();
    }
  }
  return fields;
}

/**
 * Every path inside a sample value, a few levels deep, so real data suggests its own names.
 *
 * @example
 * samplePaths({ body: { text: 'hi' } }, 'trigger'); // ['trigger.body', 'trigger.body.text']
 */
export function samplePaths(value: unknown, prefix: string, depth = 3): string[] {
  if (depth === 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = /^[A-Za-z_$][A-Za-z0-9_]*$/.test(key) ? `${prefix}.${key}` : `${prefix}.\`${key}\``;
    return [path, ...samplePaths(inner, path, depth - 1)];
  });
}

/**
 * What a field of `nodeId` (or of the trigger, `null`) can read: trigger fields (from the
 * last run's data when there is one, else from the trigger's documentation), the outputs of
 * nodes that run before it, variables set before it, the run, and the functions.
 */
export function expressionSuggestions(definition: DefinitionDraft, nodeId: string | null, sample: RunSample | null): Suggestion[] {
  const suggestions: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (insert: string, detail: string, kind: SuggestionKind, label = insert) => {
    if (seen.has(insert)) return;
    seen.add(insert);
    suggestions.push({ insert, label, detail, kind });
  };
  if (nodeId === null) return suggestions;

  const trigger = TRIGGER_CATALOG[definition.trigger.type as TriggerType];
  add('trigger', trigger ? `${trigger.label} trigger: ${trigger.outputs}` : 'The trigger’s output', 'trigger');
  for (const path of sample ? samplePaths(sample.triggerOutput, 'trigger') : []) add(path, 'from the last run', 'trigger');
  for (const field of trigger ? outputFields(trigger.outputs) : []) add(`trigger.${field}`, `${trigger!.label} trigger`, 'trigger');

  const byId = new Map(definition.nodes.map((node) => [node.id, node]));
  for (const upstream of upstreamNodes(definition, nodeId)) {
    const node = byId.get(upstream);
    if (!node) continue;
    const entry = NODE_CATALOG[node.type as NodeType];
    add(`nodes.${upstream}`, `${entry?.label ?? node.type} output: ${entry?.outputs ?? ''}`, 'node');
    if (sample && upstream in sample.outputs) for (const path of samplePaths(sample.outputs[upstream], `nodes.${upstream}`)) add(path, 'from the last run', 'node');
    for (const field of entry ? outputFields(entry.outputs) : []) add(`nodes.${upstream}.${field}`, entry!.label, 'node');
    if (node.type === 'set') {
      const variables = node.params.variables;
      for (const name of typeof variables === 'object' && variables ? Object.keys(variables) : []) add(`vars.${name}`, `set by ${upstream}`, 'var');
    }
  }
  add('run.id', 'This run’s id', 'run');
  add('run.startedAt', 'When this run started (ISO 8601)', 'run');
  for (const [name, doc] of Object.entries(EXPRESSION_FUNCTIONS)) add(`$${name}(`, doc.description, 'function', doc.signature);
  for (const [signature, description] of JSONATA_FUNCTIONS) add(`${signature.slice(0, signature.indexOf('(') + 1)}`, description, 'function', signature);
  return suggestions;
}

/**
 * The word being typed at the cursor when it is inside an expression: inside `{{ … }}`
 * (template) or anywhere (a bare condition). `null` when the cursor is in plain text.
 *
 * @example
 * wordAtCursor('Hi {{ trigger.bo', 16, 'template'); // { start: 6, word: 'trigger.bo' }
 */
export function wordAtCursor(text: string, cursor: number, mode: 'template' | 'bare'): { start: number; word: string } | null {
  const before = text.slice(0, cursor);
  if (mode === 'template') {
    const opened = before.lastIndexOf('{{');
    if (opened === -1 || before.lastIndexOf('}}') > opened) return null;
  }
  const match = /[A-Za-z0-9_$.`]*$/.exec(before)!;
  return { start: cursor - match[0].length, word: match[0] };
}

/**
 * The suggestions for a typed word: those starting with it first, then those containing it.
 *
 * @example
 * filterSuggestions(all, 'trigger.b').map((s) => s.insert); // ['trigger.body', 'trigger.body.text']
 */
export function filterSuggestions(all: readonly Suggestion[], word: string, limit = 8): Suggestion[] {
  const lower = word.toLowerCase();
  const starts = all.filter((suggestion) => suggestion.insert.toLowerCase().startsWith(lower) && suggestion.insert !== word);
  const contains = lower.length < 2 ? [] : all.filter((suggestion) => !suggestion.insert.toLowerCase().startsWith(lower) && suggestion.insert.toLowerCase().includes(lower));
  return [...starts, ...contains].slice(0, limit);
}

/** The scope expressions saw in a run, rebuilt from its steps, for previews in the browser. */
export function sampleScope(sample: RunSample): ExpressionScope {
  return { trigger: sample.triggerOutput, nodes: sample.outputs, vars: sample.vars, run: { id: sample.runId, startedAt: sample.startedAt ?? '' } };
}

/**
 * A run's data as a sample: each finished step's output by node (a failed one as
 * `{ error }`, as the engine passes it on).
 */
export function runSample(run: {
  id: string;
  triggerOutput: unknown;
  vars: unknown;
  startedAt: Date | string | null;
  steps: ReadonlyArray<{ nodeId: string; status: string; output: unknown; error: string | null }>;
}): RunSample {
  const outputs: Record<string, unknown> = {};
  for (const step of run.steps) {
    if (step.status === 'succeeded') outputs[step.nodeId] = step.output;
    if (step.status === 'failed') outputs[step.nodeId] = { error: step.error };
  }
  const startedAt = run.startedAt === null ? null : typeof run.startedAt === 'string' ? run.startedAt : run.startedAt.toISOString();
  return { runId: run.id, triggerOutput: run.triggerOutput, outputs, vars: (run.vars ?? {}) as Record<string, unknown>, startedAt };
}
