import type jsonata from 'jsonata';
import { ExpressionError, quoteExpression } from './expression-error';
import { registerExpressionFunctions } from './expression-functions';
import { jsonataCode, jsonataMessage, parseExpression } from './parse-expression';

/**
 * What an expression can read: the trigger's output, each finished node's output by id,
 * the variables `set` nodes defined, and the run itself.
 *
 * @example
 * const scope: ExpressionScope = { trigger: { body: { text: 'launch day' } }, nodes: {}, vars: {}, run: { id: 'run_1', startedAt: '2025-06-07T09:00:00Z' } };
 */
export type ExpressionScope = {
  trigger: unknown;
  nodes: Record<string, unknown>;
  vars: Record<string, unknown>;
  /** `startedAt` is an ISO 8601 instant. */
  run: { id: string; startedAt: string };
};

export type ExpressionOptions = {
  /** Wall-clock budget for one expression; default 100 ms. */
  timeoutMs?: number;
  /** Largest result allowed, measured as UTF-8 bytes of its JSON; default 100,000. */
  maxOutputBytes?: number;
  /** Zone `$formatDate` uses when the expression names none (the workflow's `settings.timezone`); default UTC. */
  timezone?: string;
};

export const DEFAULT_EXPRESSION_TIMEOUT_MS = 100;
export const DEFAULT_MAX_OUTPUT_BYTES = 100_000;
/** Evaluation depth (nested sub-expressions and non-tail recursion) before an expression is stopped. */
const MAX_DEPTH = 1000;
/** Longest list an expression may build: `[1..1000000]` is stopped before it is allocated. */
const MAX_SEQUENCE = 100_000;
/** Longest text an expression may build along the way, so doubling a string in a loop cannot exhaust memory. */
const MAX_INTERMEDIATE_CHARS = 10_000_000;

/**
 * Evaluates one JSONata expression (the source between `{{` and `}}`) over the scope,
 * within bounds: `timeoutMs` of evaluation, a nesting depth, a list length, and an output
 * size. Returns plain JSON data (or `undefined` when the expression matches nothing).
 *
 * @throws ExpressionError with a message that quotes the expression and says what went wrong.
 * @example
 * await evaluateExpression("$contains(trigger.body.text, 'launch')", scope); // true
 * await evaluateExpression('$sum([1..1000000])', scope); // throws: … built a list of more than 100,000 items …
 */
export async function evaluateExpression(expression: string, scope: ExpressionScope, options: ExpressionOptions = {}): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXPRESSION_TIMEOUT_MS;
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const compiled = compiledExpression(expression, timeoutMs, options.timezone ?? 'UTC');
  let result: unknown;
  try {
    result = await compiled.evaluate(scope);
  } catch (error) {
    throw new ExpressionError({ expression, message: failureMessage(expression, error, timeoutMs), cause: error });
  }
  return asJsonData(expression, result, maxOutputBytes);
}

// Compiling is most of an evaluation's cost (the parse, and the signatures of the functions
// added to it), and a workflow evaluates the same few expressions on every run. A compiled
// expression can be evaluated again, also concurrently: each evaluation gets its own frame,
// bounds and clock; only `$now()` reads the start of the latest evaluation to begin.
const MAX_COMPILED = 5_000;
const compiledExpressions = new Map<string, jsonata.Expression>();

/** The expression compiled with its bounds and TweetFlow's functions, from the cache when it was compiled before. */
function compiledExpression(expression: string, timeoutMs: number, timezone: string): jsonata.Expression {
  const key = `${timeoutMs}\u0000${timezone}\u0000${expression}`;
  const cached = compiledExpressions.get(key);
  if (cached) return cached;
  const compiled = parseExpression(expression, { timeout: timeoutMs, stack: MAX_DEPTH, sequence: MAX_SEQUENCE });
  registerExpressionFunctions(compiled, { timezone });
  capIntermediateText(compiled);
  if (compiledExpressions.size >= MAX_COMPILED) compiledExpressions.delete(compiledExpressions.keys().next().value!);
  compiledExpressions.set(key, compiled);
  return compiled;
}

/**
 * JSONata calls `__evaluate_exit` after every sub-expression; checking each result there
 * stops runaway text growth long before the final size check would see it.
 */
function capIntermediateText(compiled: jsonata.Expression): void {
  const exitHook = Symbol.for('jsonata.__evaluate_exit');
  // `assign` binds any key in the environment; JSONata's typings only admit string names.
  compiled.assign(exitHook as unknown as string, (_node: unknown, _input: unknown, _environment: unknown, result: unknown) => {
    if (typeof result === 'string' && result.length > MAX_INTERMEDIATE_CHARS) {
      throw { code: 'TWF_TEXT', message: 'text too long' };
    }
  });
}

function failureMessage(expression: string, error: unknown, timeoutMs: number): string {
  const quoted = `Expression ${quoteExpression(expression)}`;
  switch (jsonataCode(error)) {
    case 'D1012':
      return `${quoted} took longer than ${timeoutMs} ms and was stopped; it may loop forever or work through too much data.`;
    case 'D1011':
      return `${quoted} nested deeper than ${MAX_DEPTH} levels (runaway recursion?) and was stopped.`;
    case 'D2015':
      return `${quoted} built a list of more than ${MAX_SEQUENCE.toLocaleString('en-US')} items and was stopped; filter or slice the data first.`;
    case 'TWF_TEXT':
      return `${quoted} built a text of more than ${MAX_INTERMEDIATE_CHARS.toLocaleString('en-US')} characters and was stopped.`;
    default:
      return `${quoted} failed: ${jsonataMessage(error)}`;
  }
}

/** The result as plain JSON data: JSONata's internal list markers dropped, size checked. */
function asJsonData(expression: string, result: unknown, maxOutputBytes: number): unknown {
  const json = JSON.stringify(result);
  if (json === undefined) return undefined;
  const bytes = new TextEncoder().encode(json).byteLength;
  if (bytes > maxOutputBytes) {
    throw new ExpressionError({
      expression,
      message: `Expression ${quoteExpression(expression)} produced ${bytes.toLocaleString('en-US')} bytes of data; the limit is ${maxOutputBytes.toLocaleString('en-US')}. Select only the fields you need.`,
    });
  }
  return JSON.parse(json);
}
