import type { TRPCRouterRecord } from '@trpc/server';
import { getRetentionSettings, MAX_RETENTION_DAYS, RETENTION_CATEGORIES, setRetentionDays } from '@tweetflow/core';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';

const categoryKeys = RETENTION_CATEGORIES.map((category) => category.key) as [string, ...string[]];

/** How long a workspace keeps run logs, metric snapshots and audit entries (owners). */
export const retentionRouter = {
  get: workspaceProcedure('owner').query(({ ctx }) => getRetentionSettings(ctx.db, ctx.workspace.id)),

  set: workspaceProcedure('owner')
    .input(
      z.object({
        category: z.enum(categoryKeys, { error: `must be one of ${categoryKeys.join(', ')}` }),
        days: z
          .number({ error: 'must be a number of days' })
          .int('must be a whole number of days')
          .min(0, 'must be 0 (keep everything) or more')
          .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`),
      }),
    )
    .mutation(({ ctx, input }) =>
      setRetentionDays(ctx.db, ctx.clock, {
        workspaceId: ctx.workspace.id,
        category: input.category,
        days: input.days,
        userId: ctx.caller.userId,
        client: ctx.client,
      }),
    ),
} satisfies TRPCRouterRecord;
