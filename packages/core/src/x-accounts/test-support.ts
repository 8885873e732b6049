import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { users, workspaces, xAccounts } from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { createXOAuth, type XTokenSet } from '@tweetflow/x';
import { DEV_CLIENT, startSandbox, type RunningSandbox } from '@tweetflow/x-sandbox';
import { TokenKeyring } from '../crypto/token-keyring';
import type { XAccountDeps } from './x-account-deps';

/** A test's world: its own database, a running X sandbox, and services wired to both. */
export type XAccountTestbed = {
  database: TestDatabase;
  sandbox: RunningSandbox;
  deps: XAccountDeps;
  workspaceId: string;
  userId: string;
  /** Tokens for a sandbox user, as the OAuth callback would hand them over. */
  tokensFor(username: string): XTokenSet;
  /** Makes the account's access token expired both at the sandbox and in the database. */
  expireAccessToken(accountId: string, username: string): Promise<void>;
  /** Requests the sandbox saw for `endpoint`, e.g. 'POST /2/oauth2/token'. */
  requests(endpoint: string): number;
  close(): Promise<void>;
};

/**
 * Starts a testbed; the services' clock is the sandbox's, so advancing the sandbox clock
 * moves token expiry and rate-limit windows for both sides at once.
 *
 * @example
 * const testbed = await startXAccountTestbed({ tier: 'free' });
 */
export async function startXAccountTestbed(options: Parameters<typeof startSandbox>[0] = {}): Promise<XAccountTestbed> {
  const database = await createTestDatabase();
  const sandbox = await startSandbox({ port: 0, ...options });
  const deps: XAccountDeps = {
    clock: { now: () => new Date(sandbox.clock.now()) },
    keyring: new TokenKeyring([{ id: 'test', key: randomBytes(32) }]),
    oauth: createXOAuth({
      clientId: DEV_CLIENT.clientId,
      clientSecret: DEV_CLIENT.clientSecret ?? '',
      redirectUri: 'http://localhost:5173/auth/x/callback',
      apiBaseUrl: sandbox.url,
    }),
    apiBaseUrl: sandbox.url,
    apiTier: options.tier ?? 'pay-per-use',
    logger: pino({ level: 'silent' }),
  };
  const [user] = await database.db.insert(users).values({ displayName: 'Ada' }).returning({ id: users.id });
  const [workspace] = await database.db.insert(workspaces).values({ name: 'Ada’s workspace' }).returning({ id: workspaces.id });
  if (!user || !workspace) throw new Error('could not create the test workspace');

  return {
    database,
    sandbox,
    deps,
    workspaceId: workspace.id,
    userId: user.id,
    tokensFor(username) {
      const issued = sandbox.admin.issueToken(username);
      return {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token ?? null,
        accessTokenExpiresAt: new Date(sandbox.clock.now() + issued.expires_in * 1000),
        scopes: issued.scope.split(' '),
      };
    },
    async expireAccessToken(accountId, username) {
      sandbox.admin.expireTokens(username);
      await database.db
        .update(xAccounts)
        .set({ accessTokenExpiresAt: new Date(sandbox.clock.now() - 1000) })
        .where(eq(xAccounts.id, accountId));
    },
    requests: (endpoint) => sandbox.admin.stats().requestsByEndpoint[endpoint] ?? 0,
    async close() {
      await sandbox.stop();
      await database.close();
    },
  };
}
