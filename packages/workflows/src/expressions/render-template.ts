import { evaluateExpression, type ExpressionOptions, type ExpressionScope } from './evaluate-expression';
import { splitTemplate } from './template-parts';

/**
 * Fills each `{{ expression }}` in a text field with its value: text as is, numbers and
 * booleans as written, lists and objects as JSON, nothing (undefined or null) as empty text.
 *
 * @throws ExpressionError for the first expression that fails, or an unclosed `{{`.
 * @example
 * await renderTemplate('New post: {{ trigger.body.text }} {{ $hashtags(["launch"]) }}', scope); // 'New post: launch day #launch'
 */
export async function renderTemplate(template: string, scope: ExpressionScope, options?: ExpressionOptions): Promise<string> {
  if (!template.includes('{{')) return template;
  let rendered = '';
  for (const part of splitTemplate(template)) {
    rendered += part.kind === 'text' ? part.text : asText(await evaluateExpression(part.source, scope, options));
  }
  return rendered;
}

/**
 * How a value reads inside text.
 *
 * @example
 * asText(['a', 'b']); // '["a","b"]'
 */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
