import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';

type Operation = { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> };
const subset = JSON.parse(readFileSync(new URL('./x-api-v2.subset.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: unknown;
};

// ajv-formats is CommonJS; under ESM its function sits on `default`.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
// OpenAPI 3.0 keywords (nullable, discriminator, example) are not JSON Schema: strict off.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('int32', true).addFormat('int64', true);
ajv.addSchema({ $id: 'x-api', components: subset.components });

/**
 * Asserts `body` is what X's OpenAPI document allows for this operation and status
 * (the `default` response, i.e. Problem / Error, for error statuses).
 */
export function expectMatchesOpenApi(method: string, route: string, status: number, body: unknown): void {
  const operation = subset.paths[route]?.[method.toLowerCase()];
  if (!operation) throw new Error(`The OpenAPI subset has no ${method} ${route}.`);
  const response = operation.responses[String(status)] ?? operation.responses.default;
  const content = response?.content?.['application/json'] ?? response?.content?.['application/problem+json'];
  const ref = status >= 400 ? '#/components/schemas/Problem' : content?.schema.$ref;
  if (!ref) throw new Error(`No schema for ${method} ${route} ${status}.`);
  const validate = ajv.getSchema(`x-api${ref}`);
  if (!validate) throw new Error(`Cannot compile ${ref}.`);
  const valid = validate(body);
  expect(validate.errors ?? [], `${method} ${route} ${status}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
  expect(valid).toBe(true);
}
