import { createSession, signUp, TokenKeyring, parseTokenKeys } from '@tweetflow/core';
import { createDatabase, xAccounts } from '@tweetflow/db';
import type { RunningSandbox } from '@tweetflow/x-sandbox';

/** The token key every benchmark process shares (the worker and web app get it as TOKEN_ENCRYPTION_KEYS). */
export const BENCH_TOKEN_KEYS = `bench:${Buffer.alloc(32, 11).toString('base64')}`;

export type BenchWorkspace = { userId: string; workspaceId: string; sessionToken: string };

export type BenchAccount = { id: string; username: string };

/**
 * A person with their personal workspace and a signed-in session, created the way sign-up does.
 *
 * @example
 * const { workspaceId, sessionToken } = await createBenchWorkspace(databaseUrl);
 */
export async function createBenchWorkspace(databaseUrl: string): Promise<BenchWorkspace> {
  const { db, close } = createDatabase(databaseUrl, { max: 1 });
  try {
    const clock = { now: () => new Date() };
    const user = await signUp(db, { email: 'bench@example.com', password: 'benchmark-password', displayName: 'Bench', timezone: 'UTC' });
    const session = await createSession(db, clock, user.id);
    return { userId: user.id, workspaceId: user.workspaceId, sessionToken: session.token };
  } finally {
    await close();
  }
}

/**
 * Creates `count` sandbox users and connects each as an X account of the workspace, in
 * batches of rows: the OAuth dance is not what the benchmarks measure, and a thousand
 * accounts one by one would take longer than the scenario itself. Tokens are encrypted
 * with the shared bench key, as `connectXAccount` stores them.
 *
 * @example
 * const accounts = await connectBenchAccounts(databaseUrl, sandbox, { workspaceId, userId, count: 1000, prefix: 'pub' });
 */
export async function connectBenchAccounts(
  databaseUrl: string,
  sandbox: RunningSandbox,
  input: { workspaceId: string; userId: string; count: number; prefix: string },
): Promise<BenchAccount[]> {
  const keyring = new TokenKeyring(parseTokenKeys(BENCH_TOKEN_KEYS));
  const { db, close } = createDatabase(databaseUrl, { max: 1 });
  try {
    const rows = Array.from({ length: input.count }, (_, index) => {
      const username = `${input.prefix}${index}`;
      const user = sandbox.admin.createUser({ username });
      const issued = sandbox.admin.issueToken(user.id);
      return {
        workspaceId: input.workspaceId,
        xUserId: user.id,
        username,
        displayName: username,
        scopes: issued.scope.split(' '),
        accessTokenCiphertext: keyring.encrypt(issued.access_token),
        refreshTokenCiphertext: issued.refresh_token ? keyring.encrypt(issued.refresh_token) : null,
        accessTokenExpiresAt: new Date(Date.now() + issued.expires_in * 1000),
        connectedByUserId: input.userId,
      };
    });
    const accounts: BenchAccount[] = [];
    for (let start = 0; start < rows.length; start += 500) {
      const inserted = await db
        .insert(xAccounts)
        .values(rows.slice(start, start + 500))
        .returning({ id: xAccounts.id, username: xAccounts.username });
      accounts.push(...inserted);
    }
    return accounts;
  } finally {
    await close();
  }
}
