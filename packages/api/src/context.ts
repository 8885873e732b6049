import type { Runtime } from '@tweetflow/core';

/** Who is calling: filled from the session cookie or an API token by the web app. */
export type Caller = { userId: string; sessionId: string };

/**
 * Everything a procedure may use. Procedures reach the database and the queue only
 * through here, so tests can build a context around a test database.
 */
export type ApiContext = Pick<Runtime, 'db' | 'boss' | 'clock' | 'logger' | 'checkReadiness'> & {
  caller: Caller | null;
};

export function createApiContext(deps: Omit<ApiContext, 'caller'>, caller: Caller | null): ApiContext {
  return { ...deps, caller };
}
