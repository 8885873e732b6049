import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, type RequestBody } from './http/body';
import type { SandboxResponse } from './http/responses';
import { Router } from './http/router';
import { forbidden, notFound, serverError, tooManyRequests, unauthorized } from './problems';
import type { RequestContext, SandboxRoute } from './routes/context';
import { authenticate } from './state/oauth';
import type { SandboxWorld } from './world';

const ADMIN_PREFIX = '/__sandbox/';
const FIFTEEN_MINUTES_SECS = 15 * 60;

/**
 * The request pipeline: injected faults and latency → route → authentication and scopes →
 * rate limits → handler. Every answer is JSON, a problem, HTML or a redirect, never a stack
 * trace; unexpected errors become a 500 problem.
 *
 * @example
 * http.createServer(createRequestHandler(world, routes));
 */
export function createRequestHandler(world: SandboxWorld, routes: SandboxRoute[]) {
  const router = new Router<RequestContext>(routes);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const answer = await handle(world, router, request);
      if (answer.response.kind !== 'hang') send(response, answer.response, answer.headers);
    } catch (error) {
      const status = error instanceof BodyTooLargeError ? 413 : 500;
      if (status === 500) console.error('x-sandbox: unexpected error', error);
      const body = status === 413 ? { title: 'Payload Too Large', detail: 'The request body is too large.', type: 'about:blank', status } : undefined;
      send(response, body ? { kind: 'json', status, body, contentType: 'application/problem+json' } : serverError(500), {});
    }
  };
}

type Answer = { response: SandboxResponse; headers: Record<string, string> };

async function handle(world: SandboxWorld, router: Router<RequestContext>, request: IncomingMessage): Promise<Answer> {
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
  const match = router.match(method, url.pathname);
  const isAdmin = url.pathname.startsWith(ADMIN_PREFIX);
  const endpoint = match ? `${method} ${match.route.pattern}` : `${method} (unknown route)`;
  // Read before any injected latency: X has the whole request by the time it is slow to
  // answer, so a client that gives up (or dies) meanwhile does not stop the post.
  const body: RequestBody = !match || method === 'GET' || method === 'HEAD' ? { kind: 'none' } : await readBody(request);
  if (!isAdmin) {
    world.stats.countRequest(endpoint);
    const fault = await applyFaults(world, method, url.pathname);
    if (fault === 'lose_response') {
      const answer = await route(world, request, url, match, body);
      world.stats.lostResponses++;
      return { response: { kind: 'hang' }, headers: answer.headers };
    }
    if (fault) return fault;
  }
  return route(world, request, url, match, body);
}

async function route(
  world: SandboxWorld,
  request: IncomingMessage,
  url: URL,
  match: ReturnType<Router<RequestContext>['match']>,
  body: RequestBody,
): Promise<Answer> {
  const method = request.method ?? 'GET';
  if (!match) return { response: notFound(), headers: {} };
  const endpoint = `${method} ${match.route.pattern}`;
  const context: RequestContext = { world, request, url, body };
  const route = match.route as SandboxRoute;
  let headers: Record<string, string> = {};
  if (route.scopes) {
    const grant = authenticate(world, request.headers.authorization);
    const user = grant ? world.store.users.get(grant.userId) : undefined;
    if (!grant || !user) return { response: unauthorized(), headers };
    if (!route.scopes.every((scope) => grant.scopes.includes(scope))) return { response: forbidden(), headers };
    const decision = world.rateLimits.take(endpoint, user.id, grant.clientId, world.now());
    headers = decision.headers;
    if (!decision.allowed) {
      world.stats.countOverLimit(endpoint);
      return { response: tooManyRequests(), headers };
    }
    context.grant = grant;
    context.user = user;
  }
  return { response: await route.handler(context, match.params), headers };
}

/** An answer to send instead of the route's, `lose_response` to run the route and drop its answer, or nothing. */
async function applyFaults(world: SandboxWorld, method: string, path: string): Promise<Answer | 'lose_response' | undefined> {
  const fault = world.faults.decide(method, path);
  const delay = world.latencyMs + fault.latencyMs;
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  if (!fault.failure) return undefined;
  world.stats.injectedFaults++;
  if (fault.failure === 'timeout') return { response: { kind: 'hang' }, headers: {} };
  if (fault.failure === 'lost_response') return 'lose_response';
  if (fault.failure === 'error') return { response: serverError(fault.status ?? 503), headers: {} };
  world.stats.rateLimitedResponses++;
  const reset = String(Math.ceil(world.now() / 1000) + (fault.resetAfterSeconds ?? FIFTEEN_MINUTES_SECS));
  return {
    response: tooManyRequests(),
    headers: { 'x-rate-limit-limit': '1', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset },
  };
}

function send(response: ServerResponse, answer: SandboxResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  switch (answer.kind) {
    case 'json': {
      const payload = JSON.stringify(answer.body);
      for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
      response.writeHead(answer.status, { 'content-type': `${answer.contentType ?? 'application/json'}; charset=utf-8` });
      response.end(payload);
      return;
    }
    case 'html':
      response.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8' });
      response.end(answer.html);
      return;
    case 'redirect':
      response.writeHead(302, { location: answer.location });
      response.end();
      return;
    case 'hang':
      return;
  }
}
