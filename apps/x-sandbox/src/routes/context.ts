import type { IncomingMessage } from 'node:http';
import type { RequestBody } from '../http/body';
import type { SandboxResponse } from '../http/responses';
import type { Route } from '../http/router';
import type { AccessToken, SandboxUser } from '../state/types';
import type { SandboxWorld } from '../world';

/** What every route handler gets. */
export type RequestContext = {
  world: SandboxWorld;
  request: IncomingMessage;
  url: URL;
  body: RequestBody;
  /** Set by the server for routes that need a user's access token. */
  grant?: AccessToken;
  user?: SandboxUser;
};

/** The context of a route that requires a user: both are guaranteed. */
export type UserContext = RequestContext & { grant: AccessToken; user: SandboxUser };

/** A route plus what the server checks before calling it. */
export type SandboxRoute = Route<RequestContext> & {
  /** Present for X API routes: a Bearer user token with these scopes is required, and rate limits apply. */
  scopes?: string[];
};

/**
 * An X API route: the server authenticates, checks scopes and rate limits before `handler` runs.
 *
 * @example
 * userRoute('GET', '/2/users/me', ['users.read'], ({ user }) => json(200, { data: renderUser(user) }));
 */
export function userRoute(
  method: string,
  pattern: string,
  scopes: string[],
  handler: (context: UserContext, params: Record<string, string>) => SandboxResponse | Promise<SandboxResponse>,
): SandboxRoute {
  return {
    method,
    pattern,
    scopes,
    handler: (context, params) => {
      if (!context.grant || !context.user) throw new Error(`${pattern} ran without an authenticated user`);
      return handler({ ...context, grant: context.grant, user: context.user }, params);
    },
  };
}

/**
 * A route anyone may call (OAuth, pages, admin).
 *
 * @example
 * openRoute('GET', '/', ({ world }) => html(200, renderHome(world)));
 */
export function openRoute(
  method: string,
  pattern: string,
  handler: (context: RequestContext, params: Record<string, string>) => SandboxResponse | Promise<SandboxResponse>,
): SandboxRoute {
  return { method, pattern, handler };
}
