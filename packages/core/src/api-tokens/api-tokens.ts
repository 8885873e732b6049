import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { apiTokens, workspaceMembers, type Executor } from '@tweetflow/db';
import { generateSecretToken, hashSecretToken } from '../auth/tokens';
import { DomainError } from '../errors';
import type { Clock } from '../runtime/clock';
import { roleAllows, weakerRole, type WorkspaceRole } from '../workspaces/roles';

/** Every personal API token starts with this, so secret scanners can recognise one. */
export const API_TOKEN_PREFIX = 'tfp_';

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  role: WorkspaceRole;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

/**
 * Creates a token for the SDK and CLI. The plaintext is returned once and never stored.
 *
 * @example
 * const { token } = await createApiToken(db, clock, { workspaceId, userId, callerRole: 'owner', name: 'CI', role: 'editor', expiresInDays: 90 });
 */
export async function createApiToken(
  db: Executor,
  clock: Clock,
  input: { workspaceId: string; userId: string; callerRole: WorkspaceRole; name: string; role: WorkspaceRole; expiresInDays: number | null },
): Promise<{ token: string; view: ApiTokenView }> {
  if (!roleAllows(input.callerRole, input.role)) {
    throw new DomainError('forbidden', `You are ${input.callerRole} here, so a token cannot have the ${input.role} role.`);
  }
  const token = `${API_TOKEN_PREFIX}${generateSecretToken()}`;
  const expiresAt = input.expiresInDays === null ? null : new Date(clock.now().getTime() + input.expiresInDays * 86_400_000);
  const [view] = await db
    .insert(apiTokens)
    .values({
      workspaceId: input.workspaceId,
      userId: input.userId,
      name: input.name.trim(),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      tokenHash: hashSecretToken(token),
      role: input.role,
      expiresAt,
    })
    .returning(viewColumns);
  return { token, view: view! };
}

export async function listApiTokens(db: Executor, input: { workspaceId: string; userId: string }): Promise<ApiTokenView[]> {
  return db
    .select(viewColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, input.workspaceId), eq(apiTokens.userId, input.userId)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Executor, clock: Clock, input: { workspaceId: string; userId: string; tokenId: string }) {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.workspaceId, input.workspaceId), eq(apiTokens.userId, input.userId)))
    .returning({ id: apiTokens.id });
  if (revoked.length === 0) throw new DomainError('not_found', 'No such API token in this workspace.');
}

export type ApiTokenCaller = { tokenId: string; userId: string; workspaceId: string; role: WorkspaceRole };

/**
 * The caller behind a bearer token. A revoked, expired or unknown token is refused with
 * a message that says which; the role is capped by the owner's current membership.
 */
export async function authenticateApiToken(db: Executor, clock: Clock, token: string): Promise<ApiTokenCaller> {
  const now = clock.now();
  const [row] = await db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      workspaceId: apiTokens.workspaceId,
      role: apiTokens.role,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      memberRole: workspaceMembers.role,
    })
    .from(apiTokens)
    .leftJoin(
      workspaceMembers,
      and(eq(workspaceMembers.workspaceId, apiTokens.workspaceId), eq(workspaceMembers.userId, apiTokens.userId)),
    )
    .where(eq(apiTokens.tokenHash, hashSecretToken(token)));
  if (!row) throw new DomainError('unauthenticated', 'This API token is not recognised. Create a new one in Settings → API tokens.');
  if (row.revokedAt) throw new DomainError('unauthenticated', 'This API token was revoked. Create a new one in Settings → API tokens.');
  if (row.expiresAt && row.expiresAt <= now) {
    throw new DomainError('unauthenticated', 'This API token has expired. Create a new one in Settings → API tokens.');
  }
  if (!row.memberRole) {
    throw new DomainError('unauthenticated', 'The owner of this API token is no longer a member of its workspace.');
  }
  // Writing on every request would turn reads into writes; a minute's precision is enough.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
  return { tokenId: row.id, userId: row.userId, workspaceId: row.workspaceId, role: weakerRole(row.role, row.memberRole) };
}

const viewColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  role: apiTokens.role,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  createdAt: apiTokens.createdAt,
};
