import { and, asc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { auditEntries, requestLimitCounters, users, workspaceMembers, workspaces } from '@tweetflow/db';
import { JOB_QUEUE_SCHEMA } from '../queue/job-queue';
import { loadCatalog } from './catalog';
import { collectRelatedRows } from './collect-related-rows';
import { eraseWorkspace } from './erase-workspace';
import type { ErasureDeps } from './erasure-deps';
import { clearDanglingReferences, deleteJobsMentioning, idsOf } from './scrub-references';
import { forgetEmailAddress } from './scrub-email';

/**
 * Erases a person: their personal workspace and every workspace only they belong to are
 * erased in full (tokens revoked at X, files deleted); in shared workspaces what they
 * wrote stays without their name, and a workspace they were the last owner of passes to
 * its longest-standing member. Their audit entries keep the action but lose who, from
 * where and with which browser; their email address is removed wherever it is stored.
 *
 * @example
 * await eraseAccount(deps, userId, { exceptJobId: job.id });
 */
export async function eraseAccount(deps: ErasureDeps, userId: string, options: { exceptJobId: string | null }): Promise<void> {
  const { db } = deps;
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) return;

  for (const workspaceId of await workspacesToErase(deps, userId)) await eraseWorkspace(deps, workspaceId, options);
  await handOverLastOwnerships(deps, userId);

  const catalog = await loadCatalog(db);
  const related = await collectRelatedRows(db, catalog, { table: 'users', id: userId }, { mentions: false });
  const ids = idsOf(catalog, related);
  for (const row of related.get('data_exports') ?? []) if (typeof row.file_key === 'string') await deps.exports.remove(row.file_key);

  await db.transaction(async (tx) => {
    // Account-level entries (sign-ins) say nothing once nobody is behind them; workspace
    // entries stay for the workspace's owners, without who, from where or with what browser.
    await tx.delete(auditEntries).where(and(isNull(auditEntries.workspaceId), eq(auditEntries.actorUserId, userId)));
    await tx.update(auditEntries).set({ ipAddress: null, userAgent: null }).where(eq(auditEntries.actorUserId, userId));
    await deleteJobsMentioning(tx, JOB_QUEUE_SCHEMA, ids, options.exceptJobId);
    // Counters are keyed `<kind>:<user or token id>`.
    await tx.delete(requestLimitCounters).where(sql`split_part(${requestLimitCounters.key}, ':', 2) in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    await tx.delete(users).where(eq(users.id, userId));
    await clearDanglingReferences(tx, catalog, ids);
    if (user.email) await forgetEmailAddress(tx, catalog, user.email);
  });
}

/** The personal workspace, and every workspace where nobody else is a member. */
async function workspacesToErase({ db }: ErasureDeps, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .innerJoin(workspaceMembers, eq(workspaceMembers.workspaceId, workspaces.id))
    .where(
      and(
        eq(workspaceMembers.userId, userId),
        or(
          eq(workspaces.personalOfUserId, userId),
          sql`not exists (select 1 from ${workspaceMembers} other where other.workspace_id = ${workspaces.id} and other.user_id <> ${userId})`,
        ),
      ),
    );
  return rows.map((row) => row.id);
}

/**
 * A shared workspace must keep an owner. Scheduling the deletion refuses while the
 * person is a last owner, but someone may have joined during the grace period.
 */
async function handOverLastOwnerships({ db }: ErasureDeps, userId: string): Promise<void> {
  const owned = await db
    .select({ workspaceId: workspaceMembers.workspaceId })
    .from(workspaceMembers)
    .where(
      and(
        eq(workspaceMembers.userId, userId),
        eq(workspaceMembers.role, 'owner'),
        sql`not exists (select 1 from ${workspaceMembers} other where other.workspace_id = ${workspaceMembers.workspaceId} and other.user_id <> ${userId} and other.role = 'owner')`,
      ),
    );
  for (const { workspaceId } of owned) {
    const [successor] = await db
      .select({ userId: workspaceMembers.userId })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), ne(workspaceMembers.userId, userId)))
      .orderBy(asc(workspaceMembers.createdAt))
      .limit(1);
    if (successor) {
      await db
        .update(workspaceMembers)
        .set({ role: 'owner' })
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, successor.userId)));
    }
  }
}
