import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Cuts X's OpenAPI document down to the operations the sandbox serves and the schemas
 * their responses reach, so tests can validate against it without the 750 KB original.
 *
 *   pnpm --filter @tweetflow/x-sandbox openapi:subset path/to/openapi.json
 */
const OPERATIONS: Array<[string, string]> = [
  ['/2/users/me', 'get'],
  ['/2/users/{id}', 'get'],
  ['/2/users/by/username/{username}', 'get'],
  ['/2/tweets', 'post'],
  ['/2/tweets', 'get'],
  ['/2/tweets/{id}', 'get'],
  ['/2/tweets/{id}', 'delete'],
  ['/2/users/{id}/tweets', 'get'],
  ['/2/users/{id}/mentions', 'get'],
  ['/2/tweets/search/recent', 'get'],
  ['/2/users/{id}/likes', 'post'],
  ['/2/users/{id}/likes/{tweet_id}', 'delete'],
  ['/2/users/{id}/retweets', 'post'],
  ['/2/users/{id}/retweets/{source_tweet_id}', 'delete'],
  ['/2/media/upload', 'get'],
  ['/2/media/upload', 'post'],
  ['/2/media/upload/initialize', 'post'],
  ['/2/media/upload/{id}/append', 'post'],
  ['/2/media/upload/{id}/finalize', 'post'],
  ['/2/media/metadata', 'post'],
  ['/2/webhooks', 'get'],
  ['/2/webhooks', 'post'],
  ['/2/webhooks/{webhook_id}', 'put'],
  ['/2/webhooks/{webhook_id}', 'delete'],
  ['/2/account_activity/webhooks/{webhook_id}/subscriptions/all', 'get'],
  ['/2/account_activity/webhooks/{webhook_id}/subscriptions/all', 'post'],
  ['/2/account_activity/webhooks/{webhook_id}/subscriptions/{user_id}/all', 'delete'],
];

/**
 * Requirements in the document that X's own responses (and every client) contradict:
 * media responses would need a `meta` object and `processing_info` a `type` property
 * that neither exists in the schema nor in X's answers.
 */
const ERRATA: Array<[string, string]> = [
  ['MediaUploadResponse', 'meta'],
  ['MediaUploadAppendResponse', 'meta'],
  ['ProcessingInfo', 'type'],
];

type Json = Record<string, unknown>;
const [source, target = path.join(import.meta.dirname, '../test/openapi/x-api-v2.subset.json')] = process.argv.slice(2);
if (!source) throw new Error('Usage: openapi-subset <openapi.json> [output.json]');

const document = JSON.parse(readFileSync(source, 'utf8')) as { openapi: string; info: Json; paths: Record<string, Json>; components: { schemas: Record<string, Json> } };
const paths: Record<string, Json> = {};
const wanted = new Set<string>();
for (const [route, method] of OPERATIONS) {
  const operation = document.paths[route]?.[method] as Json | undefined;
  if (!operation) throw new Error(`The document has no ${method.toUpperCase()} ${route}.`);
  paths[route] = { ...paths[route], [method]: { operationId: operation.operationId, responses: operation.responses } };
  collectRefs(operation.responses, wanted);
}
const schemas: Record<string, Json> = {};
const queue = [...wanted];
while (queue.length > 0) {
  const name = queue.pop() ?? '';
  if (schemas[name]) continue;
  const schema = document.components.schemas[name];
  if (!schema) throw new Error(`Missing schema ${name}.`);
  schemas[name] = structuredClone(schema);
  const found = new Set<string>();
  collectRefs(schema, found);
  queue.push(...[...found].filter((ref) => !schemas[ref]));
}
for (const [name, property] of ERRATA) {
  const schema = schemas[name];
  if (schema && Array.isArray(schema.required)) schema.required = schema.required.filter((entry) => entry !== property);
}
const subset = {
  openapi: document.openapi,
  info: { ...document.info, description: 'Subset of the X API v2 OpenAPI document used by the sandbox tests (see README).' },
  paths,
  components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) },
};
writeFileSync(target, `${JSON.stringify(subset, null, 1)}\n`);
console.log(`Wrote ${Object.keys(paths).length} paths and ${Object.keys(schemas).length} schemas to ${target}.`);

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, into);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        into.add(value.slice('#/components/schemas/'.length));
      } else if (key === 'mapping' && value && typeof value === 'object') {
        for (const ref of Object.values(value)) if (typeof ref === 'string') into.add(ref.slice('#/components/schemas/'.length));
      } else collectRefs(value, into);
    }
  }
}
