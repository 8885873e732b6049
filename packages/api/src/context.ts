import type { ApiTokenCaller, RequestClient, Runtime } from '@tweetflow/core';

/**
 * Who is calling: a person with a browser session, or an internal tool with a personal
 * API token (scoped to one workspace and a role). Filled by the web app's hooks.
 */
export type Caller =
  | { kind: 'session'; userId: string; sessionId: string }
  | { kind: 'api-token'; userId: string; token: ApiTokenCaller };

/**
 * Everything a procedure may use. Procedures reach the database and the queue only
 * through here, so tests can build a context around a test database.
 */
export type ApiContext = Pick<
  Runtime,
  'db' | 'boss' | 'clock' | 'logger' | 'checkReadiness' | 'config' | 'xAccounts' | 'publishing' | 'media' | 'events' | 'workflows'
> & {
  caller: Caller | null;
  /** Why a presented credential was refused (e.g. a revoked API token), to tell the caller. */
  authFailure?: string | null;
  /** The client address and user agent of the request, for the audit log. */
  client?: RequestClient | null;
};

export function createApiContext(deps: Omit<ApiContext, 'caller'>, caller: Caller | null): ApiContext {
  return { ...deps, caller };
}
