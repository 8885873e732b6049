import { parseConfig } from '@tweetflow/config';
import { connectXAccount, createApiToken, createLogger, createXAccountDeps, revokeApiToken, signUp, systemClock, type WorkspaceRole } from '@tweetflow/core';
import { createDatabase } from '@tweetflow/db';
import { inject } from 'vitest';

/** A person with a workspace and an API token for it, as Settings → API tokens makes one. */
export type TokenHolder = { userId: string; workspaceId: string; tokenId: string; token: string };

/**
 * The running app (see global-setup.ts) and the set-up steps tests take directly against
 * its database and sandbox, where a person would click through the web app.
 *
 * @example
 * const app = appUnderTest();
 * const owner = await app.createTokenHolder('editor');
 */
export function appUnderTest() {
  const { url, databaseUrl, sandboxUrl, tokenEncryptionKeys } = inject('tweetflowApp');
  const database = createDatabase(databaseUrl, { max: 2 });
  const config = parseConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, X_API_BASE_URL: sandboxUrl, TOKEN_ENCRYPTION_KEYS: tokenEncryptionKeys });
  const xAccounts = createXAccountDeps(config, systemClock, createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }, 'sdk-test'));
  let people = 0;

  async function sandbox<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${sandboxUrl}/__sandbox${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`sandbox ${method} ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  return {
    url,
    /** Signs a person up (their personal workspace) and gives them a token with `role`. */
    async createTokenHolder(role: WorkspaceRole, name = `SDK tester ${++people}`): Promise<TokenHolder> {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now().toString(36)}@example.com`;
      const user = await signUp(database.db, { email, password: 'correct horse battery', displayName: name, timezone: 'Europe/Berlin' });
      const { token, view } = await createApiToken(database.db, systemClock, {
        workspaceId: user.workspaceId,
        userId: user.id,
        callerRole: 'owner',
        name: `${role} token`,
        role,
        expiresInDays: 30,
      });
      return { userId: user.id, workspaceId: user.workspaceId, tokenId: view.id, token };
    },
    async revokeToken(holder: TokenHolder): Promise<void> {
      await revokeApiToken(database.db, systemClock, { workspaceId: holder.workspaceId, userId: holder.userId, tokenId: holder.tokenId });
    },
    /** Creates a sandbox X user and connects it to the holder's workspace, as "Connect X account" does. */
    async connectXAccount(holder: TokenHolder, username: string): Promise<{ id: string; username: string }> {
      await sandbox('POST', '/users', { username });
      const issued = await sandbox<{ access_token: string; refresh_token?: string; expires_in: number; scope: string }>('POST', '/tokens', { user: username });
      const account = await connectXAccount(database.db, xAccounts, {
        workspaceId: holder.workspaceId,
        userId: holder.userId,
        tokens: {
          accessToken: issued.access_token,
          refreshToken: issued.refresh_token ?? null,
          accessTokenExpiresAt: new Date(Date.now() + issued.expires_in * 1000),
          scopes: issued.scope.split(' '),
        },
      });
      return { id: account.id, username: account.username };
    },
    /** What the X sandbox shows on a user's timeline, oldest first. */
    async timelineOf(username: string) {
      const { posts } = await sandbox<{ posts: Array<{ id: string; text: string; inReplyToPostId: string | null; mediaCount: number }> }>('GET', `/users/${username}/posts`);
      return posts;
    },
    close: () => database.close(),
  };
}

/** A tiny valid PNG (8×8 pixels). */
export function pngBytes(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGPgW/oSK2IYWhIACGBnAXdzo6sAAAAASUVORK5CYII=', 'base64');
}

/** A username the sandbox has not seen in this run (X usernames: letters, digits, _; ≤ 15). */
export function uniqueUsername(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2, 8)}`.slice(0, 15);
}
