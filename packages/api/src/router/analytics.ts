import type { TRPCRouterRecord } from '@trpc/server';
import {
  analyticsOverview,
  analyticsRange,
  bestTimes,
  collectMetricsNow,
  postCurve,
  postsCsv,
  postsInPeriod,
  workflowPerformance,
  workspaceTimezone,
} from '@tweetflow/core/analytics';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';
import { analyticsRangeInput } from './analytics-inputs';

/** The longest list a CSV export holds. */
const EXPORT_LIMIT = 100_000;

async function rangeFor(ctx: { db: Parameters<typeof workspaceTimezone>[0]; workspace: { id: string } }, input: { from: string; to: string }) {
  return analyticsRange(input.from, input.to, await workspaceTimezone(ctx.db, ctx.workspace.id));
}

export const analyticsRouter = {
  /** The dashboard for a range of days: totals against the previous period, daily curves, accounts, posts, top and bottom. */
  overview: workspaceProcedure('viewer')
    .input(analyticsRangeInput)
    .query(async ({ ctx, input }) => analyticsOverview(ctx.db, { workspaceId: ctx.workspace.id, accountIds: input.accountIds }, await rangeFor(ctx, input))),

  /** One post's drill-down: every snapshot of its figures. */
  post: workspaceProcedure('viewer')
    .input(z.object({ trackedPostId: z.uuid({ error: 'must be a post id' }) }))
    .query(({ ctx, input }) => postCurve(ctx.db, { workspaceId: ctx.workspace.id, trackedPostId: input.trackedPostId })),

  /** The range's posts with their figures as CSV. */
  exportCsv: workspaceProcedure('viewer')
    .input(analyticsRangeInput)
    .query(async ({ ctx, input }) => {
      const range = await rangeFor(ctx, input);
      const posts = await postsInPeriod(ctx.db, { workspaceId: ctx.workspace.id, accountIds: input.accountIds }, range.start, range.end, EXPORT_LIMIT);
      return { fileName: `tweetflow-posts-${range.from}-to-${range.to}.csv`, csv: postsCsv(posts), rows: posts.length };
    }),

  /** An account's hour-of-week heatmap and best posting times (for the composer and queue slots too). */
  bestTimes: workspaceProcedure('viewer')
    .input(z.object({ accountId: z.uuid({ error: 'choose an X account' }), count: z.number().int().min(1).max(20).default(5) }))
    .query(({ ctx, input }) => bestTimes(ctx.db, { workspaceId: ctx.workspace.id, accountId: input.accountId, now: ctx.clock.now(), count: input.count })),

  /** Per workflow: runs, success rate, posts produced and their engagement in the range. */
  workflows: workspaceProcedure('viewer')
    .input(analyticsRangeInput.pick({ from: true, to: true }))
    .query(async ({ ctx, input }) => {
      const range = await rangeFor(ctx, input);
      return workflowPerformance(ctx.db, ctx.workspace.id, range.start, range.end);
    }),

  /** Reads the accounts' metrics now rather than at their next turn (within the same rate budget). */
  collectNow: workspaceProcedure('editor')
    .input(z.object({ accountId: z.uuid({ error: 'choose an X account' }).optional() }))
    .mutation(async ({ ctx, input }) => ({
      accounts: await collectMetricsNow(ctx.db, ctx.boss, ctx.clock.now(), { workspaceId: ctx.workspace.id, ...(input.accountId ? { accountId: input.accountId } : {}) }),
    })),
} satisfies TRPCRouterRecord;
