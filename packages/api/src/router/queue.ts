import type { TRPCRouterRecord } from '@trpc/server';
import {
  getQueueSchedule,
  listUpcomingQueue,
  pauseQueue,
  postingSlotsSchema,
  previewQueueSlots,
  reorderQueue,
  resumeQueue,
  setQueueSchedule,
} from '@tweetflow/core/scheduling';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';
import { timezoneInput } from './inputs';

const accountId = z.uuid({ error: 'choose an X account' });

export const queueRouter = {
  /** The account's weekly posting slots and the zone they are read in. */
  slots: workspaceProcedure('viewer')
    .input(z.object({ accountId }))
    .query(({ ctx, input }) => getQueueSchedule(ctx.db, { workspaceId: ctx.workspace.id, accountId: input.accountId })),

  /** Replaces all the account's slots (and its zone, when given); scheduled posts keep their times. */
  setSlots: workspaceProcedure('editor')
    .input(z.object({ accountId, slots: postingSlotsSchema, timezone: timezoneInput.optional() }))
    .mutation(({ ctx, input }) =>
      setQueueSchedule(ctx.db, ctx.clock, {
        workspaceId: ctx.workspace.id,
        accountId: input.accountId,
        slots: input.slots,
        ...(input.timezone ? { timezone: input.timezone } : {}),
      }),
    ),

  /** The next slots from now, each with the post already in it (null when free). */
  nextSlots: workspaceProcedure('viewer')
    .input(z.object({ accountId, count: z.number().int().min(1).max(100, { error: 'can show up to 100 slots' }).default(14) }))
    .query(({ ctx, input }) =>
      previewQueueSlots(ctx.db, { workspaceId: ctx.workspace.id, accountId: input.accountId, after: ctx.clock.now(), count: input.count }),
    ),

  /** The account's scheduled posts in publishing order. */
  upcoming: workspaceProcedure('viewer')
    .input(z.object({ accountId, limit: z.number().int().min(1).max(500, { error: 'can list up to 500 posts' }).default(100) }))
    .query(({ ctx, input }) => listUpcomingQueue(ctx.db, { workspaceId: ctx.workspace.id, accountId: input.accountId, limit: input.limit })),

  /** Puts scheduled posts in a new order on the times they already hold; answers with the queue. */
  reorder: workspaceProcedure('editor')
    .input(
      z.object({
        accountId,
        postIds: z
          .array(z.uuid({ error: 'must be a post id' }))
          .min(2, { error: 'Reordering needs at least two posts.' })
          .max(500, { error: 'Reorder up to 500 posts at a time.' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const target = { workspaceId: ctx.workspace.id, accountId: input.accountId };
      await reorderQueue(ctx.db, ctx.publishing, { ...target, postIds: input.postIds });
      return listUpcomingQueue(ctx.db, { ...target, limit: 500 });
    }),

  /** Stops the account's posts from going out until resumed; they keep their times. */
  pause: workspaceProcedure('editor')
    .input(z.object({ accountId }))
    .mutation(async ({ ctx, input }) => {
      const target = { workspaceId: ctx.workspace.id, accountId: input.accountId };
      await pauseQueue(ctx.db, ctx.publishing, target);
      return getQueueSchedule(ctx.db, target);
    }),

  /** Resumes the queue; posts held meanwhile go out at their time, or now when it has passed. */
  resume: workspaceProcedure('editor')
    .input(z.object({ accountId }))
    .mutation(async ({ ctx, input }) => {
      const target = { workspaceId: ctx.workspace.id, accountId: input.accountId };
      const { released } = await resumeQueue(ctx.db, ctx.publishing, target);
      return { ...(await getQueueSchedule(ctx.db, target)), released };
    }),
} satisfies TRPCRouterRecord;
