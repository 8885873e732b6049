/**
 * Turns a node's or trigger's params JSON Schema (from `nodeParamsJsonSchema` /
 * `triggerParamsJsonSchema`) into the fields of its config panel. The schema decides the
 * kind of each field, its limits and whether it is required; a few names get a better
 * control than their type alone suggests (an account picker for `accountId`, a zone list
 * for `timezone`, the cron editor for `cron`).
 */

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema & { pattern?: string };
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
};

type Common = { key: string; label: string; hint?: string; required: boolean; default?: unknown };
/** `expression`: the text may hold `{{ … }}`; `bare`: the whole text is one expression, braces optional. */
export type ExpressionMode = 'none' | 'template' | 'bare';

export type FieldSpec = Common &
  (
    | { kind: 'account' }
    | { kind: 'timezone' }
    | { kind: 'cron' }
    | { kind: 'datetime' }
    | { kind: 'text'; expression: ExpressionMode; multiline: boolean; maxLength?: number }
    | { kind: 'number'; integer: boolean; min?: number; max?: number }
    | { kind: 'boolean' }
    | { kind: 'choice'; options: string[] }
    | { kind: 'list'; expression: ExpressionMode; multiline: boolean; minItems?: number; maxItems?: number }
    | { kind: 'list-or-expression'; minItems?: number }
    | { kind: 'record'; expression: ExpressionMode; keyPattern?: string }
    | { kind: 'json' }
  );

export type FormSpec =
  | { kind: 'fields'; fields: FieldSpec[] }
  | { kind: 'variants'; discriminator: string; variants: Array<{ value: string; label: string; fields: FieldSpec[] }> };

const LABELS: Record<string, string> = {
  accountId: 'Account',
  text: 'Text',
  inReplyTo: 'Reply to post id',
  quotePostId: 'Quoted post id',
  postId: 'Post id',
  mediaIds: 'Media ids',
  items: 'Items',
  seconds: 'Seconds',
  at: 'At',
  condition: 'Condition',
  value: 'Value',
  cases: 'Cases',
  variables: 'Variables',
  template: 'Template',
  truncateForX: 'Shorten to fit a post',
  strategy: 'Strategy',
  cooldownDays: 'Cooldown (days)',
  method: 'Method',
  url: 'URL',
  headers: 'Headers',
  body: 'Body',
  timeoutMs: 'Timeout (ms)',
  maxResponseBytes: 'Largest response (bytes)',
  channel: 'Channel',
  title: 'Title',
  target: 'Target',
  cron: 'Cron expression',
  timezone: 'Time zone',
  everySeconds: 'Every (seconds)',
  sampleInput: 'Sample input (JSON)',
  requireSignature: 'Require a signature (HMAC-SHA256)',
  pollSeconds: 'Check every (seconds)',
  keyword: 'Keyword',
  query: 'Search query',
};

const HINTS: Record<string, string> = {
  condition: "One JSONata expression, e.g. $contains(trigger.body.text, 'launch'). Type to see what you can use.",
  value: 'One JSONata expression; its value picks the case with the same name.',
  cases: 'Each case is a branch on the canvas; anything else takes "default".',
  variables: 'Readable afterwards as vars.<name>.',
  items: 'One item per line, or one expression that gives a list.',
  target: 'Email: the address (default: the workspace owners). Webhook: the URL to POST to.',
  cooldownDays: 'Do not pick the same item again within this many days.',
  keyword: 'Only mentions containing it (any case).',
  sampleInput: 'What a manual run gets as trigger when none is given.',
};

const MULTILINE = new Set(['text', 'template', 'body', 'items']);
const BARE_EXPRESSIONS = new Set(['if.condition', 'switch.value']);
const VARIANT_LABELS: Record<string, string> = {
  cron: 'Cron (calendar times)',
  interval: 'Every fixed interval',
  once: 'Once, at a time',
  duration: 'For a duration',
  until: 'Until a time',
};

/**
 * The config form for a params schema. `owner` says whose params they are: node texts
 * may hold expressions, trigger texts may not.
 *
 * @example
 * formFromSchema(nodeParamsJsonSchema('x.post'), { owner: 'node', type: 'x.post' });
 * // { kind: 'fields', fields: [{ key: 'accountId', kind: 'account', … }, { key: 'text', kind: 'text', expression: 'template', … }, …] }
 */
export function formFromSchema(jsonSchema: object, context: { owner: 'node' | 'trigger'; type: string }): FormSpec {
  const schema = jsonSchema as JsonSchema;
  const variants = schema.oneOf?.filter((option) => option.properties);
  if (variants && variants.length > 0) {
    const discriminator = Object.entries(variants[0]!.properties!).find(([, property]) => property.const !== undefined)?.[0] ?? 'mode';
    return {
      kind: 'variants',
      discriminator,
      variants: variants.map((variant) => {
        const value = String(variant.properties![discriminator]?.const ?? '');
        return { value, label: VARIANT_LABELS[value] ?? humanize(value), fields: objectFields({ ...variant, properties: omit(variant.properties!, discriminator) }, context) };
      }),
    };
  }
  return { kind: 'fields', fields: objectFields(schema, context) };
}

function objectFields(schema: JsonSchema, context: { owner: 'node' | 'trigger'; type: string }): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, property]) => fieldFor(key, property, required.has(key), context));
}

function fieldFor(key: string, schema: JsonSchema, required: boolean, context: { owner: 'node' | 'trigger'; type: string }): FieldSpec {
  const common: Common = { key, label: LABELS[key] ?? humanize(key), required, ...(HINTS[key] ? { hint: HINTS[key] } : {}), ...(schema.default !== undefined ? { default: schema.default } : {}) };
  const expression: ExpressionMode = context.owner === 'trigger' ? 'none' : BARE_EXPRESSIONS.has(`${context.type}.${key}`) ? 'bare' : 'template';
  if (key === 'accountId') return { ...common, kind: 'account' };
  if (key === 'timezone') return { ...common, kind: 'timezone' };
  if (key === 'cron') return { ...common, kind: 'cron' };
  if (schema.anyOf) {
    const list = schema.anyOf.find((option) => option.type === 'array');
    return { ...common, kind: 'list-or-expression', ...(list?.minItems !== undefined ? { minItems: list.minItems } : {}) };
  }
  if (schema.enum) return { ...common, kind: 'choice', options: schema.enum.map(String) };
  switch (schema.type) {
    case 'boolean':
      return { ...common, kind: 'boolean' };
    case 'integer':
    case 'number':
      return { ...common, kind: 'number', integer: schema.type === 'integer', ...pick(schema, 'minimum', 'min'), ...pick(schema, 'maximum', 'max') };
    case 'array':
      return {
        ...common,
        kind: 'list',
        expression,
        multiline: MULTILINE.has(key),
        ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}),
        ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}),
      };
    case 'object': {
      const values = schema.additionalProperties;
      if (typeof values === 'object' && values.type === 'string') {
        return { ...common, kind: 'record', expression, ...(schema.propertyNames?.pattern ? { keyPattern: schema.propertyNames.pattern } : {}) };
      }
      return { ...common, kind: 'json' };
    }
  }
  if (schema.format === 'date-time') return { ...common, kind: 'datetime' };
  return { ...common, kind: 'text', expression, multiline: MULTILINE.has(key), ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}) };
}

/** "maxResponseBytes" → "Max response bytes". */
export function humanize(name: string): string {
  const words = name.replace(/[_.]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}

function pick(schema: JsonSchema, from: 'minimum' | 'maximum', to: 'min' | 'max'): Record<string, number> {
  return schema[from] === undefined ? {} : { [to]: schema[from] };
}
