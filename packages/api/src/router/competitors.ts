import type { TRPCRouterRecord } from '@trpc/server';
import { addCompetitor, analyticsDeps, analyticsRange, compareCompetitors, refreshCompetitor, removeCompetitor, workspaceTimezone } from '@tweetflow/core/analytics';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';
import { localDayInput } from './analytics-inputs';

const competitorId = z.uuid({ error: 'must be a competitor id' });

export const competitorsRouter = {
  /** Your accounts and tracked competitors side by side for a range, with today's competitor budget. */
  compare: workspaceProcedure('viewer')
    .input(z.object({ from: localDayInput, to: localDayInput }))
    .query(async ({ ctx, input }) =>
      compareCompetitors(ctx.db, {
        workspaceId: ctx.workspace.id,
        range: analyticsRange(input.from, input.to, await workspaceTimezone(ctx.db, ctx.workspace.id)),
        now: ctx.clock.now(),
        dailyCalls: ctx.config.COMPETITOR_DAILY_CALLS,
      }),
    ),

  /** Starts tracking a public account by username (looked up at X now). */
  add: workspaceProcedure('editor')
    .input(
      z.object({
        username: z.string().trim().min(1, { error: 'enter an X username' }).max(16, { error: 'X usernames have at most 15 characters' }),
        viaAccountId: z.uuid({ error: 'choose one of your X accounts' }).nullable().default(null),
      }),
    )
    .mutation(({ ctx, input }) =>
      addCompetitor(ctx.db, analyticsDeps(ctx.config, ctx.xAccounts), { workspaceId: ctx.workspace.id, username: input.username, viaAccountId: input.viaAccountId }),
    ),

  remove: workspaceProcedure('editor')
    .input(z.object({ competitorId }))
    .mutation(({ ctx, input }) => removeCompetitor(ctx.db, { workspaceId: ctx.workspace.id, competitorId: input.competitorId })),

  /** Reads a competitor at the next minute instead of tomorrow. */
  refresh: workspaceProcedure('editor')
    .input(z.object({ competitorId }))
    .mutation(({ ctx, input }) => refreshCompetitor(ctx.db, ctx.clock.now(), { workspaceId: ctx.workspace.id, competitorId: input.competitorId })),
} satisfies TRPCRouterRecord;
