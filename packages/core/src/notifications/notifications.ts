import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { notifications, type Executor } from '@tweetflow/db';
import type { Clock } from '../runtime/clock';

export type NotificationView = Omit<typeof notifications.$inferSelect, 'userId'>;

/**
 * A person's latest notifications, newest first.
 *
 * @example
 * const latest = await listNotifications(db, { userId, limit: 20 });
 */
export async function listNotifications(db: Executor, input: { userId: string; limit: number }): Promise<NotificationView[]> {
  return db
    .select({
      id: notifications.id,
      workspaceId: notifications.workspaceId,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, input.userId))
    .orderBy(desc(notifications.createdAt))
    .limit(input.limit);
}

/**
 * How many notifications the person has not read.
 *
 * @example
 * await unreadNotificationCount(db, userId); // 3
 */
export async function unreadNotificationCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.unread ?? 0;
}

/**
 * Marks the given notifications (or all of them) read; other people's ids are ignored.
 *
 * @example
 * await markNotificationsRead(db, clock, { userId }); // all
 */
export async function markNotificationsRead(db: Executor, clock: Clock, input: { userId: string; ids?: string[] }): Promise<void> {
  const mine = eq(notifications.userId, input.userId);
  await db
    .update(notifications)
    .set({ readAt: clock.now() })
    .where(and(mine, isNull(notifications.readAt), ...(input.ids ? [inArray(notifications.id, input.ids)] : [])));
}
