import type { z } from 'zod';
import type { RequestBody } from '../http/body';
import type { SandboxResponse } from '../http/responses';
import { invalidRequest } from '../problems';

/**
 * Parses a JSON body with `schema`, or answers X's 400 `invalid-request` naming the
 * offending fields.
 *
 * @example
 * const parsed = parseJsonBody(body, createPostBody);
 * if (!parsed.ok) return parsed.response;
 */
export function parseJsonBody<Schema extends z.ZodType>(
  body: RequestBody,
  schema: Schema,
): { ok: true; value: z.output<Schema> } | { ok: false; response: SandboxResponse } {
  if (body.kind !== 'json') return { ok: false, response: invalidRequest('The request body must be a JSON object.') };
  const result = schema.safeParse(body.value);
  if (result.success) return { ok: true, value: result.data };
  const parameters: Record<string, string[]> = {};
  for (const issue of result.error.issues) parameters[issue.path.join('.') || 'body'] = [issue.message];
  const message = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
  return { ok: false, response: invalidRequest(message, parameters) };
}

/**
 * An integer query parameter within X's bounds, the default when absent, or undefined when invalid.
 *
 * @example
 * boundedInteger(url, 'max_results', 5, 100, 10);
 */
export function boundedInteger(url: URL, name: string, min: number, max: number, fallback: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}
