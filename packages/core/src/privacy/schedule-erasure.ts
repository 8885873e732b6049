import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { erasureRequests, users, workspaceMembers, workspaces, type Database, type Transaction } from '@tweetflow/db';
import { recordAudit, type RequestClient } from '../audit/record-audit';
import { DomainError } from '../errors';
import { QUEUES } from '../queue/queues';
import type { Clock } from '../runtime/clock';
import { jobsIn } from '../queue/jobs-in';

export type ErasureJobData = { requestId: string };
export type ScheduledErasure = { eraseAfter: Date };

const DAY_MS = 86_400_000;

type ScheduleDeps = { db: Database; boss: PgBoss; clock: Clock; graceDays: number };

/**
 * Schedules the deletion of the caller's account after the grace period, once they typed
 * their email (or, without one, their name). Refused while they are the last owner of a
 * workspace others use: someone must be able to run it.
 *
 * @example
 * const { eraseAfter } = await scheduleAccountErasure(deps, { userId, confirmation: 'ada@example.com', client });
 */
export async function scheduleAccountErasure(
  deps: ScheduleDeps,
  input: { userId: string; confirmation: string; client?: RequestClient | null },
): Promise<ScheduledErasure> {
  const { db } = deps;
  const [user] = await db.select({ email: users.email, displayName: users.displayName }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new DomainError('not_found', 'Your account no longer exists.');
  const expected = user.email ?? user.displayName;
  if (input.confirmation.trim().toLowerCase() !== expected.trim().toLowerCase()) {
    throw new DomainError('bad_request', `To confirm, type ${user.email ? 'your email address' : 'your name'} exactly: ${expected}`);
  }
  const stranded = await workspacesOnlyOwnedBy(db, input.userId);
  if (stranded.length > 0) {
    throw new DomainError(
      'conflict',
      `You are the only owner of ${stranded.join(', ')}, which other people use. Make one of them an owner (Settings → Members) or delete the workspace first.`,
    );
  }
  return db.transaction(async (tx) => {
    const eraseAfter = await insertRequest(tx, deps, { userId: input.userId, requestedByUserId: input.userId }, 'Your account is already scheduled for deletion.');
    await recordAudit(tx, {
      action: 'account.deletion_scheduled',
      at: deps.clock.now(),
      actor: { userId: input.userId, kind: 'session' },
      details: { eraseAfter: eraseAfter.toISOString() },
      client: input.client,
    });
    return { eraseAfter };
  });
}

/**
 * Schedules the deletion of a workspace (its owner asks, typing its name). A personal
 * workspace goes only with its account.
 *
 * @example
 * const { eraseAfter } = await scheduleWorkspaceErasure(deps, { workspaceId, userId, confirmation: 'Acme', client });
 */
export async function scheduleWorkspaceErasure(
  deps: ScheduleDeps,
  input: { workspaceId: string; userId: string; confirmation: string; client?: RequestClient | null },
): Promise<ScheduledErasure> {
  const { db } = deps;
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, input.workspaceId));
  if (!workspace) throw new DomainError('not_found', 'That workspace no longer exists.');
  if (workspace.personalOfUserId) {
    throw new DomainError('bad_request', 'A personal workspace is deleted together with its account (Settings → Privacy & data).');
  }
  if (input.confirmation.trim() !== workspace.name.trim()) {
    throw new DomainError('bad_request', `To confirm, type the workspace's name exactly: ${workspace.name}`);
  }
  return db.transaction(async (tx) => {
    const eraseAfter = await insertRequest(
      tx,
      deps,
      { workspaceId: input.workspaceId, requestedByUserId: input.userId },
      'This workspace is already scheduled for deletion.',
    );
    await recordAudit(tx, {
      action: 'workspace.deletion_scheduled',
      at: deps.clock.now(),
      actor: { userId: input.userId, kind: 'session' },
      workspaceId: input.workspaceId,
      details: { eraseAfter: eraseAfter.toISOString() },
      client: input.client,
    });
    return { eraseAfter };
  });
}

async function insertRequest(
  tx: Transaction,
  deps: ScheduleDeps,
  subject: { userId?: string; workspaceId?: string; requestedByUserId: string },
  alreadyMessage: string,
): Promise<Date> {
  const eraseAfter = new Date(deps.clock.now().getTime() + deps.graceDays * DAY_MS);
  const [row] = await tx
    .insert(erasureRequests)
    .values({ ...subject, eraseAfter, createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .returning({ id: erasureRequests.id });
  if (!row) throw new DomainError('conflict', alreadyMessage);
  await deps.boss.send(QUEUES.privacyErase, { requestId: row.id } satisfies ErasureJobData, {
    startAfter: eraseAfter,
    db: jobsIn(tx),
  });
  return eraseAfter;
}

/** Names of shared workspaces where `userId` is the only owner and others are members. */
async function workspacesOnlyOwnedBy(db: Database, userId: string): Promise<string[]> {
  const owned = await db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaceMembers.userId, userId), eq(workspaceMembers.role, 'owner'), sql`${workspaces.personalOfUserId} is null`));
  if (owned.length === 0) return [];
  const others = await db
    .select({ workspaceId: workspaceMembers.workspaceId, role: workspaceMembers.role, userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(inArray(workspaceMembers.workspaceId, owned.map((w) => w.id)));
  return owned
    .filter((w) => {
      const rest = others.filter((m) => m.workspaceId === w.id && m.userId !== userId);
      return rest.length > 0 && !rest.some((m) => m.role === 'owner');
    })
    .map((w) => w.name);
}
