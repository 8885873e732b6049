import { and, eq, inArray } from 'drizzle-orm';
import { notifications, workspaceMembers, type Executor } from '@tweetflow/db';
import { emitWorkspaceEvent } from '../events/workspace-events';

export type NewNotification = { kind: string; title: string; body: string; link: string | null };

/**
 * Tells the people who can act on it (owners and editors of the workspace): one in-app
 * notification each, streamed live to their open tabs.
 *
 * @example
 * await notifyWorkspaceEditors(tx, workspaceId, { kind: 'post.failed', title: 'A post failed', body, link: '/app/calendar' });
 */
export async function notifyWorkspaceEditors(db: Executor, workspaceId: string, notification: NewNotification): Promise<void> {
  const members = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), inArray(workspaceMembers.role, ['owner', 'editor'])));
  if (members.length === 0) return;
  const created = await db
    .insert(notifications)
    .values(members.map(({ userId }) => ({ workspaceId, userId, ...notification })))
    .returning();
  for (const row of created) {
    await emitWorkspaceEvent(db, workspaceId, {
      type: 'notification',
      userId: row.userId,
      notification: { id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link, createdAt: row.createdAt },
    });
  }
}
