import type { CombinedDataTransformer } from '@trpc/server';
import superjson from 'superjson';

type SuperJSONResult = ReturnType<typeof superjson.serialize>;
type Annotations = Record<string, ['Date'] | ['undefined']>;

/** Thrown inside the walk when a value needs superjson's full treatment. */
const NEEDS_SUPERJSON = Symbol('needs superjson');

/**
 * superjson's output for what API answers are made of (plain objects, arrays, strings,
 * finite numbers, booleans, null, undefined and Dates), in one pass that copies nothing;
 * anything else goes to superjson itself.
 *
 * superjson walks every value of an answer, copying it and building a path array and a
 * path string per value: for the calendar's 500 posts that was the largest cost of the
 * request, more than the SQL. Here the answer itself is the `json` part, because
 * `JSON.stringify` turns a Date into the same ISO string superjson would; the walk only
 * notes where Dates and undefined values are, in superjson's own annotation format, so
 * every client keeps decoding answers with plain superjson. An undefined property is left
 * out of the JSON rather than sent as null; either way it decodes to undefined.
 *
 * Falls back to superjson for Maps, Sets, bigints, class instances and other rarities,
 * and for an object reached twice, whose shared identity superjson records.
 *
 * @example
 * serializeAnswer({ at: new Date(0) }); // { json: { at: Date }, meta: { values: { at: ['Date'] }, v: 1 } }
 */
export function serializeAnswer(answer: unknown): SuperJSONResult {
  const annotations: Annotations = {};
  let annotated = false;
  const seen = new Set<object>();

  const walk = (value: unknown, path: string): void => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return;
      case 'number':
        if (!Number.isFinite(value)) throw NEEDS_SUPERJSON;
        return;
      case 'undefined':
        // A bare undefined answer (a mutation returning nothing) keeps superjson's null.
        if (path === '') throw NEEDS_SUPERJSON;
        annotations[path] = ['undefined'];
        annotated = true;
        return;
      case 'object':
        break;
      default:
        throw NEEDS_SUPERJSON;
    }
    if (value === null) return;
    if (seen.has(value)) throw NEEDS_SUPERJSON;
    seen.add(value);
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw NEEDS_SUPERJSON;
      annotations[path] = ['Date'];
      annotated = true;
      return;
    }
    const prefix = path === '' ? '' : `${path}.`;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        // A hole would be skipped by superjson and sent as null, not decoded as undefined.
        if (value[index] === undefined && !(index in value)) throw NEEDS_SUPERJSON;
        if (!isBareLeaf(value[index])) walk(value[index], prefix + index);
      }
      return;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) throw NEEDS_SUPERJSON;
    for (const key of Object.keys(value)) {
      // superjson refuses these keys (prototype pollution); let it say so.
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw NEEDS_SUPERJSON;
      const child = (value as Record<string, unknown>)[key];
      if (!isBareLeaf(child)) walk(child, prefix + escapePathKey(key));
    }
  };

  try {
    walk(answer, '');
  } catch (error) {
    if (error === NEEDS_SUPERJSON) return superjson.serialize(answer);
    throw error;
  }
  if (!annotated) return { json: answer as SuperJSONResult['json'] };
  // A Date answer is annotated at the root, where superjson puts the bare type.
  const values = '' in annotations ? annotations[''] : annotations;
  return { json: answer as SuperJSONResult['json'], meta: { values: values as NonNullable<SuperJSONResult['meta']>['values'], v: 1 } };
}

/**
 * Strings, booleans, null and finite numbers: most of an answer, sent as they are with no
 * annotation, so the walk skips them without building their path.
 */
function isBareLeaf(value: unknown): boolean {
  return typeof value === 'string' || value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** superjson's escaping of a key inside a path: dots and backslashes are escaped. */
function escapePathKey(key: string): string {
  return key.includes('.') || key.includes('\\') ? key.replace(/\\/g, '\\\\').replace(/\./g, '\\.') : key;
}

/**
 * The API's transformer: inputs are decoded by superjson; answers are encoded by
 * `serializeAnswer`, which produces superjson's format faster.
 */
export const apiTransformer: CombinedDataTransformer = {
  input: superjson,
  output: { serialize: serializeAnswer, deserialize: (payload: SuperJSONResult) => superjson.deserialize(payload) },
};
