import { ExpressionError, quoteExpression } from './expression-error';

/** A piece of a templated field: literal text, or the JSONata source of one `{{ … }}`. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | {
      kind: 'expression';
      /** The source between the braces, trimmed. */
      source: string;
      /** Where the `{{` starts in the field. */
      offset: number;
    };

const QUOTES = new Set(["'", '"', '`']);

/**
 * Splits a field into literal text and `{{ expression }}` parts. The closing `}}` is found
 * by reading the expression (strings, comments and nested object braces), so
 * `{{ {"tags": {"a": 1}} }}` is one expression, not one cut short at the first `}}`.
 *
 * @example
 * splitTemplate('Hi {{ trigger.name }}!');
 * // [{ kind: 'text', text: 'Hi ' }, { kind: 'expression', source: 'trigger.name', offset: 3 }, { kind: 'text', text: '!' }]
 */
export function splitTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let textStart = 0;
  let open = template.indexOf('{{');
  while (open !== -1) {
    const close = findClosingBraces(template, open + 2);
    if (close === -1) {
      const expression = template.slice(open + 2).trim();
      throw new ExpressionError({
        expression,
        message: `Expression ${quoteExpression(`{{ ${expression}`)} has no closing \`}}\`; close it or remove the \`{{\`.`,
      });
    }
    if (open > textStart) parts.push({ kind: 'text', text: template.slice(textStart, open) });
    parts.push({ kind: 'expression', source: template.slice(open + 2, close).trim(), offset: open });
    textStart = close + 2;
    open = template.indexOf('{{', textStart);
  }
  if (textStart < template.length) parts.push({ kind: 'text', text: template.slice(textStart) });
  return parts;
}

/**
 * The source of the single expression a field consists of (`'{{ nodes.pick.item }}'`,
 * whitespace around allowed), or `null` when the field is text or mixes text and expressions.
 *
 * @example
 * wholeExpression(' {{ vars.items }} '); // 'vars.items'
 * wholeExpression('Hi {{ trigger.name }}'); // null
 */
export function wholeExpression(template: string): string | null {
  if (!template.includes('{{')) return null;
  const parts = splitTemplate(template).filter((part) => part.kind === 'expression' || part.text.trim() !== '');
  const [only] = parts;
  return parts.length === 1 && only?.kind === 'expression' ? only.source : null;
}

/**
 * The JSONata source of a field that is an expression by nature (an `if` condition, a
 * `switch` value): written either bare or as one `{{ … }}`.
 *
 * @example
 * conditionSource("{{ $contains(trigger.body.text, 'launch') }}"); // "$contains(trigger.body.text, 'launch')"
 * conditionSource('vars.count > 3'); // 'vars.count > 3'
 */
export function conditionSource(field: string): string {
  return wholeExpression(field) ?? field.trim();
}

/**
 * Whether a field holds any `{{ … }}` (and so is only known when the workflow runs).
 *
 * @example
 * hasExpression('{{ trigger.body.account }}'); // true
 */
export function hasExpression(template: string): boolean {
  return template.includes('{{');
}

function findClosingBraces(template: string, from: number): number {
  let depth = 0;
  for (let index = from; index < template.length; index++) {
    const char = template[index]!;
    if (QUOTES.has(char)) {
      index = skipQuoted(template, index, char);
    } else if (char === '/' && template[index + 1] === '*') {
      const end = template.indexOf('*/', index + 2);
      if (end === -1) return -1;
      index = end + 1;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      if (depth === 0 && template[index + 1] === '}') return index;
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

/** The index of the quote closing the string that starts at `start`; backslash escapes count. */
function skipQuoted(template: string, start: number, quote: string): number {
  for (let index = start + 1; index < template.length; index++) {
    if (template[index] === '\\') index++;
    else if (template[index] === quote) return index;
  }
  return template.length;
}
