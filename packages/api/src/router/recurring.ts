import type { TRPCRouterRecord } from '@trpc/server';
import { assertWorkspaceCap, postContentSchema } from '@tweetflow/core';
import { createRecurringPosts, describeRecurrence, expandRecurrence, getSeries, localDateTimeOf, recurrenceRuleSchema, stopSeries, updateSeriesContent } from '@tweetflow/core/scheduling';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';

const seriesId = z.uuid({ error: 'must be a series id' });

export const recurringRouter = {
  /** The dates a rule would post on, before anything is created. */
  preview: workspaceProcedure('viewer')
    .input(z.object({ rule: recurrenceRuleSchema }))
    .query(({ input }) => ({
      description: describeRecurrence(input.rule),
      occurrences: expandRecurrence(input.rule).map((at) => ({ at, localDateTime: localDateTimeOf(at, input.rule.timezone) })),
    })),

  /** Schedules one post per occurrence of the rule, all at once; answers with the series. */
  create: workspaceProcedure('editor')
    .input(z.object({ content: postContentSchema, rule: recurrenceRuleSchema }))
    .mutation(async ({ ctx, input }) => {
      await assertWorkspaceCap(ctx.db, ctx.config, ctx.workspace.id, 'scheduledPosts', expandRecurrence(input.rule).length);
      const { seriesId: id } = await createRecurringPosts(ctx.db, ctx.publishing, {
        workspaceId: ctx.workspace.id,
        userId: ctx.caller.userId,
        content: input.content,
        rule: input.rule,
      });
      return getSeries(ctx.db, { workspaceId: ctx.workspace.id, seriesId: id });
    }),

  /** A series: its rule in words and its posts in time order. Each post is edited like any other. */
  series: workspaceProcedure('viewer')
    .input(z.object({ seriesId }))
    .query(({ ctx, input }) => getSeries(ctx.db, { workspaceId: ctx.workspace.id, seriesId: input.seriesId })),

  /** Gives every upcoming post of the series this content, each keeping its time; answers with the series. */
  updateContent: workspaceProcedure('editor')
    .input(z.object({ seriesId, content: postContentSchema }))
    .mutation(async ({ ctx, input }) => {
      const { updated } = await updateSeriesContent(ctx.db, ctx.publishing, { workspaceId: ctx.workspace.id, seriesId: input.seriesId, content: input.content });
      return { updated, series: await getSeries(ctx.db, { workspaceId: ctx.workspace.id, seriesId: input.seriesId }) };
    }),

  /** Ends the series: its upcoming posts are deleted, what it published stays. */
  stop: workspaceProcedure('editor')
    .input(z.object({ seriesId }))
    .mutation(({ ctx, input }) => stopSeries(ctx.db, { workspaceId: ctx.workspace.id, seriesId: input.seriesId })),
} satisfies TRPCRouterRecord;
