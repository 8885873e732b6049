export { ExpressionError } from './expression-error';
export {
  evaluateExpression,
  DEFAULT_EXPRESSION_TIMEOUT_MS,
  DEFAULT_MAX_OUTPUT_BYTES,
  type ExpressionOptions,
  type ExpressionScope,
} from './evaluate-expression';
export { renderTemplate } from './render-template';
export { resolveParams, type ResolvedParams } from './resolve-params';
export { expressionReferences, type ExpressionReferences } from './expression-references';
export { EXPRESSION_FUNCTIONS } from './expression-functions';
export { DATE_PATTERN_TOKENS } from './format-date';
export { conditionSource } from './template-parts';
