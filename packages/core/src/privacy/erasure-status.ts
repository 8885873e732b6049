import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { erasureRequests, workspaceMembers, workspaces, type Executor } from '@tweetflow/db';

export type PendingErasures = {
  /** When the caller's account will be erased, if they asked. */
  account: { eraseAfter: Date } | null;
  /** Workspaces of the caller that are scheduled for deletion. */
  workspaces: Array<{ workspaceId: string; name: string; eraseAfter: Date }>;
};

/**
 * What is scheduled for deletion that the caller should know about: their account, and
 * workspaces they belong to (every member sees the warning; owners can undo it).
 *
 * @example
 * const pending = await pendingErasuresFor(db, userId);
 */
export async function pendingErasuresFor(db: Executor, userId: string): Promise<PendingErasures> {
  const [account] = await db
    .select({ eraseAfter: erasureRequests.eraseAfter })
    .from(erasureRequests)
    .where(eq(erasureRequests.userId, userId));
  const memberOf = db.select({ id: workspaceMembers.workspaceId }).from(workspaceMembers).where(eq(workspaceMembers.userId, userId));
  const scheduled = await db
    .select({ workspaceId: workspaces.id, name: workspaces.name, eraseAfter: erasureRequests.eraseAfter })
    .from(erasureRequests)
    .innerJoin(workspaces, eq(workspaces.id, erasureRequests.workspaceId))
    .where(and(isNotNull(erasureRequests.workspaceId), inArray(erasureRequests.workspaceId, memberOf)));
  return { account: account ?? null, workspaces: scheduled };
}
