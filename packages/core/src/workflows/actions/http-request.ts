import type { NodeContext } from './node-context';
import { done, StepFailure, TransientStepError, type NodeResult } from './node-result';
import { safeRequest, UnsafeRequestError } from '../../http/safe-request';

type HttpParams = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: unknown;
  headers: Record<string, unknown>;
  body?: unknown;
  timeoutMs: number;
  maxResponseBytes: number;
};

/**
 * http: calls a URL (SSRF-safe, bounded in time and size). 5xx and network failures are
 * retried by the node's retry policy; 4xx is the answer and goes to the output (an if
 * node can branch on `status`). A dry run sends only GET requests.
 *
 * @example
 * await runHttp(context, { method: 'GET', url: 'https://example.com/feed.json', headers: {}, timeoutMs: 5000, maxResponseBytes: 1e6 });
 */
export async function runHttp(context: NodeContext, params: HttpParams): Promise<NodeResult> {
  const url = String(params.url ?? '');
  const headers = Object.fromEntries(Object.entries(params.headers).map(([name, value]) => [name, String(value)]));
  const body = params.body === undefined ? undefined : typeof params.body === 'string' ? params.body : JSON.stringify(params.body);
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  if (context.dryRun && params.method !== 'GET') return done({ dryRun: true, request: { method: params.method, url, headers, body } });
  let response;
  try {
    response = await safeRequest({
      method: params.method,
      url,
      headers,
      ...(body !== undefined ? { body } : {}),
      timeoutMs: params.timeoutMs,
      maxResponseBytes: params.maxResponseBytes,
      allowedHosts: context.deps.httpAllowedHosts,
    });
  } catch (error) {
    if (error instanceof UnsafeRequestError) throw new StepFailure(error.message);
    throw new TransientStepError(`The request to ${url} failed: ${(error as Error).message}`);
  }
  if (response.status >= 500) throw new TransientStepError(`${url} answered HTTP ${response.status}.`);
  return done({ status: response.status, headers: response.headers, body: parseBody(response.body, response.headers['content-type']) });
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!contentType?.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
