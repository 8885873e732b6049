/**
 * An expression that could not be parsed or evaluated. The message names the expression
 * and says what went wrong in words a workflow author can act on; `field` is the
 * parameter it came from (e.g. `params.text`) when the engine resolved a node's params.
 *
 * @example
 * throw new ExpressionError({ expression: 'trigger.body.txt', message: 'Expression `trigger.body.txt` failed: …' });
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  /** The JSONata source between `{{` and `}}`, trimmed. */
  readonly expression: string;
  /** The parameter path the expression sits in, e.g. `params.items.2`. */
  readonly field: string | undefined;

  constructor(details: { expression: string; message: string; field?: string; cause?: unknown }) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.expression = details.expression;
    this.field = details.field;
  }
}

/**
 * The expression as shown inside messages: one line, and short enough to read.
 *
 * @example
 * quoteExpression('trigger.body\n  .text'); // '`trigger.body .text`'
 */
export function quoteExpression(expression: string): string {
  const oneLine = expression.replace(/\s+/g, ' ').trim();
  return `\`${oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine}\``;
}
