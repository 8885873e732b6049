import { and, asc, eq } from 'drizzle-orm';
import { users, workspaceMembers, workspaces, type Database, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import type { WorkspaceRole } from './roles';

export type WorkspaceSummary = { id: string; name: string; timezone: string; role: WorkspaceRole; personal: boolean };

/** The workspaces a user belongs to, personal one first. */
export async function listWorkspacesForUser(db: Executor, userId: string): Promise<WorkspaceSummary[]> {
  const rows = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      timezone: workspaces.timezone,
      role: workspaceMembers.role,
      personalOfUserId: workspaces.personalOfUserId,
    })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(asc(workspaces.createdAt));
  return rows
    .map(({ personalOfUserId, ...row }) => ({ ...row, personal: personalOfUserId === userId }))
    .sort((a, b) => Number(b.personal) - Number(a.personal));
}

/** The caller's role in a workspace, or null when they are not a member. */
export async function findMembershipRole(db: Executor, workspaceId: string, userId: string): Promise<WorkspaceRole | null> {
  const [row] = await db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  return row?.role ?? null;
}

/**
 * A shared workspace (for a team or a client) owned by its creator.
 *
 * @example
 * const workspace = await createWorkspace(db, { userId, name: 'Acme', timezone: 'Europe/Berlin' });
 */
export async function createWorkspace(
  db: Database,
  input: { userId: string; name: string; timezone: string },
): Promise<WorkspaceSummary> {
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: input.name.trim(), timezone: input.timezone })
      .returning({ id: workspaces.id, name: workspaces.name, timezone: workspaces.timezone });
    await tx.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId: input.userId, role: 'owner' });
    return { ...workspace!, role: 'owner' as const, personal: false };
  });
}

export async function renameWorkspace(db: Executor, workspaceId: string, input: { name: string; timezone: string }) {
  await db.update(workspaces).set({ name: input.name.trim(), timezone: input.timezone }).where(eq(workspaces.id, workspaceId));
}

/** Remembers the workspace (and optionally X account) the user last worked in. */
export async function rememberCurrentSelection(
  db: Executor,
  userId: string,
  selection: { workspaceId: string; xAccountId?: string | null },
): Promise<void> {
  const role = await findMembershipRole(db, selection.workspaceId, userId);
  if (!role) throw new DomainError('forbidden', 'You are not a member of that workspace.');
  await db
    .update(users)
    .set({
      currentWorkspaceId: selection.workspaceId,
      ...(selection.xAccountId === undefined ? {} : { currentXAccountId: selection.xAccountId }),
    })
    .where(eq(users.id, userId));
}
