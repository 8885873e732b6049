import jsonata from 'jsonata';
import { ExpressionError, quoteExpression } from './expression-error';

/**
 * Compiles the JSONata source of one `{{ … }}`, turning a syntax error into an
 * `ExpressionError` that says where the expression goes wrong.
 *
 * @example
 * parseExpression('trigger.body.text +'); // throws: Expression `trigger.body.text +` is not valid JSONata: Unexpected end of expression (at character 19)
 */
export function parseExpression(source: string, options?: jsonata.JsonataOptions): jsonata.Expression {
  if (source.trim() === '') {
    throw new ExpressionError({ expression: source, message: 'Expression `{{ }}` is empty; write an expression between the braces or remove them.' });
  }
  try {
    return jsonata(source, options);
  } catch (error) {
    throw new ExpressionError({
      expression: source,
      message: `Expression ${quoteExpression(source)} is not valid JSONata: ${jsonataMessage(error)}${positionNote(error)}`,
      cause: error,
    });
  }
}

/**
 * The message of what JSONata threw: plain objects (`{ code, message, position }`), not `Error`s.
 *
 * @example
 * jsonataMessage({ code: 'T0410', message: 'Argument 1 of function "number" does not match' }); // 'Argument 1 of function …'
 */
export function jsonataMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/**
 * JSONata's error code (`D1012` is a timeout), when what was thrown has one.
 *
 * @example
 * jsonataCode({ code: 'D1012', message: 'Evaluation timeout' }); // 'D1012'
 */
export function jsonataCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function positionNote(error: unknown): string {
  const position = typeof error === 'object' && error !== null && 'position' in error ? error.position : undefined;
  return typeof position === 'number' ? ` (at character ${position})` : '';
}
