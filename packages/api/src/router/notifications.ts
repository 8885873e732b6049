import type { TRPCRouterRecord } from '@trpc/server';
import { listNotifications, markNotificationsRead, unreadNotificationCount } from '@tweetflow/core';
import { z } from 'zod';
import { protectedProcedure } from '../trpc';

/** The caller's own in-app notifications (across workspaces). */
export const notificationsRouter = {
  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(30) }).default({ limit: 30 }))
    .query(({ ctx, input }) => listNotifications(ctx.db, { userId: ctx.caller.userId, limit: input.limit })),

  unreadCount: protectedProcedure.query(({ ctx }) => unreadNotificationCount(ctx.db, ctx.caller.userId)),

  /** Marks the given notifications read, or all of them when no ids are given. */
  markRead: protectedProcedure
    .input(z.object({ ids: z.array(z.uuid()).max(500).optional() }).default({}))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.clock, { userId: ctx.caller.userId, ...(input.ids ? { ids: input.ids } : {}) })),
} satisfies TRPCRouterRecord;
