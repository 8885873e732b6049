import { and, asc, eq, ne } from 'drizzle-orm';
import { users, workspaceMembers, type Database } from '@tweetflow/db';
import { DomainError } from '../errors';
import type { WorkspaceRole } from './roles';

export type Member = { userId: string; email: string | null; displayName: string; role: WorkspaceRole; joinedAt: Date };

export async function listMembers(db: Database, workspaceId: string): Promise<Member[]> {
  return db
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      role: workspaceMembers.role,
      joinedAt: workspaceMembers.createdAt,
    })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.createdAt));
}

/** Changes a member's role; a workspace always keeps at least one owner. */
export async function changeMemberRole(
  db: Database,
  input: { workspaceId: string; userId: string; role: WorkspaceRole },
): Promise<void> {
  await db.transaction(async (tx) => {
    await assertOwnerRemains(tx, input.workspaceId, input.userId, input.role === 'owner');
    const updated = await tx
      .update(workspaceMembers)
      .set({ role: input.role })
      .where(and(eq(workspaceMembers.workspaceId, input.workspaceId), eq(workspaceMembers.userId, input.userId)))
      .returning({ userId: workspaceMembers.userId });
    if (updated.length === 0) throw new DomainError('not_found', 'That person is not a member of this workspace.');
  });
}

/** Removes a member (or lets a member leave); the last owner cannot go. */
export async function removeMember(db: Database, input: { workspaceId: string; userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await assertOwnerRemains(tx, input.workspaceId, input.userId, false);
    const removed = await tx
      .delete(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, input.workspaceId), eq(workspaceMembers.userId, input.userId)))
      .returning({ userId: workspaceMembers.userId });
    if (removed.length === 0) throw new DomainError('not_found', 'That person is not a member of this workspace.');
  });
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function assertOwnerRemains(tx: Tx, workspaceId: string, changingUserId: string, staysOwner: boolean) {
  if (staysOwner) return;
  // Lock the owner rows so two concurrent demotions cannot both pass this check.
  const otherOwners = await tx
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(
      and(
        eq(workspaceMembers.workspaceId, workspaceId),
        eq(workspaceMembers.role, 'owner'),
        ne(workspaceMembers.userId, changingUserId),
      ),
    )
    .for('update');
  const [changing] = await tx
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, changingUserId)));
  if (changing?.role === 'owner' && otherOwners.length === 0) {
    throw new DomainError('conflict', 'A workspace needs at least one owner. Make someone else an owner first.');
  }
}
