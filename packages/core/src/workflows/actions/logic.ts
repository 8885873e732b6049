import { countPostText } from '@tweetflow/x/rules';
import { done, StepFailure, type NodeResult } from './node-result';

/**
 * if: the condition's value decides the branch ("true" or "false"); JSONata truthiness
 * is not used on purpose — a condition must produce a boolean, so a typo that yields
 * `undefined` fails loudly instead of silently taking the false branch.
 *
 * @example
 * runIf(true); // { kind: 'done', output: { result: true }, branch: 'true' }
 */
export function runIf(condition: unknown): NodeResult {
  if (typeof condition !== 'boolean') {
    throw new StepFailure(`The condition must be true or false, but it gave ${describe(condition)}.`);
  }
  return done({ result: condition }, String(condition));
}

/**
 * switch: the first case equal to the value (as text) is the branch, else `default`.
 *
 * @example
 * runSwitch('b', ['a', 'b']); // branch 'b'
 */
export function runSwitch(value: unknown, cases: readonly string[]): NodeResult {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const match = cases.find((candidate) => candidate === text);
  return done({ value, case: match ?? 'default' }, match ?? 'default');
}

/**
 * set: the evaluated variables; the runner merges them into the run's `vars`.
 *
 * @example
 * runSet({ greeting: 'hi' }); // output { greeting: 'hi' }
 */
export function runSet(variables: Record<string, unknown>): NodeResult {
  return done(variables);
}

/**
 * format: the rendered template, optionally cut to what fits in a post.
 *
 * @example
 * runFormat('x'.repeat(300), true).output; // { text: 'xxx…' } (280 weighted characters)
 */
export function runFormat(text: unknown, truncateForX: boolean): NodeResult {
  let value = typeof text === 'string' ? text : JSON.stringify(text ?? '');
  if (truncateForX && !countPostText(value).valid) {
    while (value.length > 0 && countPostText(`${value}…`).remaining < 0) value = value.slice(0, -1);
    value = `${value.trimEnd()}…`;
  }
  return done({ text: value });
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (is a field name misspelled?)';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 80)}`;
}
