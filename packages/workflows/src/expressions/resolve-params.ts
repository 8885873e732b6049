import { evaluateExpression, type ExpressionOptions, type ExpressionScope } from './evaluate-expression';
import { ExpressionError } from './expression-error';
import { renderTemplate } from './render-template';
import { wholeExpression } from './template-parts';

/** Params after evaluation: any string may have become any value (`{{ vars.items }}` is a list). */
export type ResolvedParams<T> = T extends string
  ? unknown
  : T extends readonly (infer Item)[]
    ? ResolvedParams<Item>[]
    : T extends object
      ? { [Key in keyof T]: ResolvedParams<T[Key]> }
      : T;

/**
 * Evaluates every expression in a node's params, deeply. A string that is exactly one
 * `{{ expression }}` becomes the expression's value as is (a list, a number, an object);
 * any other string is rendered as text; other values are kept.
 *
 * @throws ExpressionError whose `field` is the param's path (`params.items.2`) and whose message starts with it.
 * @example
 * await resolveParams({ items: '{{ trigger.body.ideas }}', text: 'Idea: {{ vars.n }}' }, scope);
 * // { items: ['a', 'b'], text: 'Idea: 3' }
 */
export async function resolveParams<T>(params: T, scope: ExpressionScope, options?: ExpressionOptions): Promise<ResolvedParams<T>> {
  return (await resolveValue(params, ['params'], scope, options)) as ResolvedParams<T>;
}

async function resolveValue(value: unknown, path: string[], scope: ExpressionScope, options?: ExpressionOptions): Promise<unknown> {
  if (typeof value === 'string') return resolveString(value, path, scope, options);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) items.push(await resolveValue(item, [...path, String(index)], scope, options));
    return items;
  }
  if (typeof value === 'object' && value !== null) {
    const resolved: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) resolved[key] = await resolveValue(item, [...path, key], scope, options);
    return resolved;
  }
  return value;
}

async function resolveString(value: string, path: string[], scope: ExpressionScope, options?: ExpressionOptions): Promise<unknown> {
  try {
    const whole = wholeExpression(value);
    return whole === null ? await renderTemplate(value, scope, options) : await evaluateExpression(whole, scope, options);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    const field = path.join('.');
    throw new ExpressionError({ expression: error.expression, field, message: `In ${field}: ${error.message}`, cause: error });
  }
}
