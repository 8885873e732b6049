import { and, desc, eq, isNull } from 'drizzle-orm';
import { users, workspaceInvites, workspaceMembers, workspaces, type Database, type Executor } from '@tweetflow/db';
import { normalizeEmail } from '../auth/users';
import { generateSecretToken, hashSecretToken } from '../auth/tokens';
import { DomainError } from '../errors';
import type { Clock } from '../runtime/clock';
import type { WorkspaceRole } from './roles';

const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invites someone by email. Returns the secret token for the invitation link
 * (`/invite/<token>`); only its hash is stored.
 */
export async function inviteMember(
  db: Executor,
  clock: Clock,
  input: { workspaceId: string; email: string; role: WorkspaceRole; invitedByUserId: string },
): Promise<{ inviteId: string; token: string; expiresAt: Date }> {
  const email = normalizeEmail(input.email);
  const [alreadyMember] = await db
    .select({ userId: users.id })
    .from(users)
    .innerJoin(workspaceMembers, and(eq(workspaceMembers.userId, users.id), eq(workspaceMembers.workspaceId, input.workspaceId)))
    .where(eq(users.email, email));
  if (alreadyMember) throw new DomainError('conflict', `${email} is already a member of this workspace.`);

  const token = generateSecretToken();
  const expiresAt = new Date(clock.now().getTime() + INVITE_LIFETIME_MS);
  const [invite] = await db
    .insert(workspaceInvites)
    .values({ workspaceId: input.workspaceId, email, role: input.role, tokenHash: hashSecretToken(token), invitedByUserId: input.invitedByUserId, expiresAt })
    .returning({ id: workspaceInvites.id });
  return { inviteId: invite!.id, token, expiresAt };
}

export async function listPendingInvites(db: Executor, workspaceId: string) {
  return db
    .select({ id: workspaceInvites.id, email: workspaceInvites.email, role: workspaceInvites.role, expiresAt: workspaceInvites.expiresAt })
    .from(workspaceInvites)
    .where(and(eq(workspaceInvites.workspaceId, workspaceId), isNull(workspaceInvites.acceptedAt)))
    .orderBy(desc(workspaceInvites.createdAt));
}

export async function revokeInvite(db: Executor, input: { workspaceId: string; inviteId: string }): Promise<void> {
  await db
    .delete(workspaceInvites)
    .where(and(eq(workspaceInvites.id, input.inviteId), eq(workspaceInvites.workspaceId, input.workspaceId)));
}

/** What an invitation link offers, for the page that asks the person to accept it. */
export async function describeInvite(db: Executor, clock: Clock, token: string) {
  const invite = await findUsableInvite(db, clock, token);
  return { workspaceName: invite.workspaceName, email: invite.email, role: invite.role };
}

/**
 * Accepts an invitation for the signed-in user, whose email must be the invited one.
 */
export async function acceptInvite(db: Database, clock: Clock, input: { token: string; userId: string }) {
  return db.transaction(async (tx) => {
    const invite = await findUsableInvite(tx, clock, input.token);
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
    if (user?.email !== invite.email) {
      throw new DomainError('forbidden', `This invitation is for ${invite.email}. Sign in with that email to accept it.`);
    }
    await tx
      .insert(workspaceMembers)
      .values({ workspaceId: invite.workspaceId, userId: input.userId, role: invite.role })
      .onConflictDoNothing();
    await tx.update(workspaceInvites).set({ acceptedAt: clock.now() }).where(eq(workspaceInvites.id, invite.id));
    return { workspaceId: invite.workspaceId, role: invite.role };
  });
}

async function findUsableInvite(db: Executor, clock: Clock, token: string) {
  const [invite] = await db
    .select({
      id: workspaceInvites.id,
      workspaceId: workspaceInvites.workspaceId,
      workspaceName: workspaces.name,
      email: workspaceInvites.email,
      role: workspaceInvites.role,
      expiresAt: workspaceInvites.expiresAt,
      acceptedAt: workspaceInvites.acceptedAt,
    })
    .from(workspaceInvites)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvites.workspaceId))
    .where(eq(workspaceInvites.tokenHash, hashSecretToken(token)));
  if (!invite || invite.acceptedAt) {
    throw new DomainError('not_found', 'This invitation link is not valid any more. Ask for a new one.');
  }
  if (invite.expiresAt <= clock.now()) {
    throw new DomainError('not_found', 'This invitation has expired. Ask the workspace owner for a new one.');
  }
  return invite;
}
