import { z } from 'zod';
import { nodeSchemas, triggerSchema, workflowDefinitionSchema, type NodeType } from './definition';
import type { TriggerType } from './catalog';

// `io: 'input'` describes what a person or file may write: fields with defaults are optional.
const options = { io: 'input' } as const;

/**
 * The JSON Schema (draft 2020-12) of a workflow definition as written: for editors,
 * exported files and tools that generate workflows.
 *
 * @example
 * workflowDefinitionJsonSchema.properties.nodes; // { type: 'array', maxItems: 200, items: { oneOf: [...] } }
 */
export const workflowDefinitionJsonSchema = z.toJSONSchema(workflowDefinitionSchema, options);

/**
 * The JSON Schema of one node type's params, from which the UI generates its config panel.
 *
 * @example
 * nodeParamsJsonSchema('x.post').required; // ['accountId', 'text']
 */
export function nodeParamsJsonSchema(type: NodeType): z.core.JSONSchema.BaseSchema {
  return z.toJSONSchema(nodeSchemas[type].shape.params, options);
}

/**
 * The JSON Schema of one trigger type's params, for the trigger's config panel.
 *
 * @example
 * triggerParamsJsonSchema('x.search').required; // ['accountId', 'query']
 */
export function triggerParamsJsonSchema(type: TriggerType): z.core.JSONSchema.BaseSchema {
  const schema = triggerSchema.options.find((option) => option.shape.type.value === type);
  if (schema === undefined) throw new Error(`Unknown trigger type '${type}'.`);
  return z.toJSONSchema(schema.shape.params, options);
}
