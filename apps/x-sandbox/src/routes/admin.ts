import { z } from 'zod';
import { AdminRequestError, type SandboxAdmin } from '../admin';
import { faultSpecSchema } from '../faults';
import { json, type SandboxResponse } from '../http/responses';
import { invalidRequest } from '../problems';
import { RATE_LIMIT_TIERS } from '@tweetflow/x/limits';
import { UserRejectedError } from '../state/users';
import { openRoute, type RequestContext, type SandboxRoute } from './context';
import { parseJsonBody } from './validation';

const userBody = z.object({
  username: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  premium: z.boolean().optional(),
  verified: z.boolean().optional(),
});
const clientBody = z.object({
  client_id: z.string().min(1).optional(),
  client_secret: z.string().min(1).nullable().optional(),
  redirect_uris: z.array(z.string().url()).default([]),
  allow_loopback_redirects: z.boolean().optional(),
  name: z.string().optional(),
});
const tokenBody = z.object({ user: z.string(), scopes: z.array(z.string()).optional(), client_id: z.string().optional() });
const postBody = z.object({ text: z.string(), reply_to: z.string().optional(), quote: z.string().optional(), created_at: z.iso.datetime({ offset: true }).optional() });
const targetPostBody = z.object({ tweet_id: z.string() });
const followBody = z.object({ target: z.string() });
const advanceBody = z.object({ ms: z.number().nonnegative() });
const expireBody = z.object({ user: z.string().optional() });
const tierBody = z.object({ tier: z.enum(RATE_LIMIT_TIERS as [string, ...string[]]) });

type AdminHandler = (admin: SandboxAdmin, context: RequestContext, params: Record<string, string>) => SandboxResponse;

/**
 * The admin API under `/__sandbox/`, a thin HTTP face over `SandboxAdmin`. The server
 * only mounts it outside `production-like` mode.
 */
export function adminRoutes(admin: SandboxAdmin): SandboxRoute[] {
  const route = (method: string, path: string, handler: AdminHandler) =>
    openRoute(method, `/__sandbox${path}`, (context, params) => guarded(() => handler(admin, context, params)));
  return [
    route('POST', '/reset', (sandbox) => (sandbox.reset(), json(200, { reset: true }))),
    route('GET', '/users', (sandbox) => json(200, { users: sandbox.users().map(summary) })),
    route('POST', '/users', (sandbox, { body }) =>
      withBody(body, userBody, (input) => json(201, { user: summary(sandbox.createUser(input)) }))),
    route('POST', '/clients', (sandbox, { body }) =>
      withBody(body, clientBody, (input) => {
        const client = sandbox.registerClient({
          redirectUris: input.redirect_uris,
          ...(input.client_id ? { clientId: input.client_id } : {}),
          ...(input.client_secret !== undefined ? { clientSecret: input.client_secret } : {}),
          ...(input.allow_loopback_redirects !== undefined ? { allowLoopbackRedirects: input.allow_loopback_redirects } : {}),
          ...(input.name ? { name: input.name } : {}),
        });
        return json(201, { client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: client.redirectUris });
      })),
    route('POST', '/tokens', (sandbox, { body }) =>
      withBody(body, tokenBody, (input) => json(201, sandbox.issueToken(input.user, input.scopes, input.client_id)))),
    route('POST', '/tokens/expire', (sandbox, { body }) =>
      withBody(body, expireBody, (input) => json(200, { expired: sandbox.expireTokens(input.user) }), true)),
    route('GET', '/users/:user/posts', (sandbox, _request, { user = '' }) => json(200, { posts: sandbox.postsOf(user) })),
    route('POST', '/users/:user/posts', (sandbox, { body }, { user = '' }) =>
      withBody(body, postBody, (input) => {
        const post = sandbox.post(user, {
          text: input.text,
          ...(input.reply_to ? { replyTo: input.reply_to } : {}),
          ...(input.quote ? { quote: input.quote } : {}),
          ...(input.created_at ? { createdAt: Date.parse(input.created_at) } : {}),
        });
        return json(201, { post: { id: post.id, text: post.text, author_id: post.authorId, created_at: new Date(post.createdAt).toISOString() } });
      })),
    route('POST', '/users/:user/likes', (sandbox, { body }, { user = '' }) =>
      withBody(body, targetPostBody, (input) => (sandbox.like(user, input.tweet_id), json(200, { liked: true })))),
    route('POST', '/users/:user/retweets', (sandbox, { body }, { user = '' }) =>
      withBody(body, targetPostBody, (input) => (sandbox.repost(user, input.tweet_id), json(200, { retweeted: true })))),
    route('POST', '/users/:user/follows', (sandbox, { body }, { user = '' }) =>
      withBody(body, followBody, (input) => (sandbox.follow(user, input.target), json(200, { following: true })))),
    route('GET', '/clock', (sandbox) => json(200, { now: new Date(sandbox.advanceClock(0)).toISOString() })),
    route('POST', '/clock/advance', (sandbox, { body }) =>
      withBody(body, advanceBody, (input) => json(200, { now: new Date(sandbox.advanceClock(input.ms)).toISOString() }))),
    route('GET', '/faults', (sandbox) => json(200, { faults: sandbox.faults() })),
    route('POST', '/faults', (sandbox, { body }) =>
      withBody(body, faultSpecSchema, (spec) => json(201, { id: sandbox.injectFault(spec) }))),
    route('DELETE', '/faults', (sandbox) => (sandbox.clearFaults(), json(200, { cleared: true }))),
    route('PUT', '/rate-limits', (sandbox, { body }) =>
      withBody(body, tierBody, (input) => {
        sandbox.setTier(input.tier as (typeof RATE_LIMIT_TIERS)[number]);
        return json(200, { tier: input.tier });
      })),
    route('GET', '/stats', (sandbox) => json(200, sandbox.stats())),
    route('GET', '/tokens/issued', (sandbox) => json(200, { tokens: sandbox.issuedTokens() })),
  ];
}

function withBody<Schema extends z.ZodType>(
  body: RequestContext['body'],
  schema: Schema,
  act: (input: z.output<Schema>) => SandboxResponse,
  optional = false,
): SandboxResponse {
  const parsed = parseJsonBody(optional && body.kind === 'none' ? { kind: 'json', value: {} } : body, schema);
  return parsed.ok ? act(parsed.value) : parsed.response;
}

function guarded(act: () => SandboxResponse): SandboxResponse {
  try {
    return act();
  } catch (error) {
    if (error instanceof AdminRequestError || error instanceof UserRejectedError) return invalidRequest(error.message);
    throw error;
  }
}

function summary(user: { id: string; username: string; name: string; premium: boolean }) {
  return { id: user.id, username: user.username, name: user.name, premium: user.premium };
}
