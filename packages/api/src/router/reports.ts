import type { TRPCRouterRecord } from '@trpc/server';
import { QUEUES } from '@tweetflow/core';
import { emailDeps, listOutboundEmails } from '@tweetflow/core/email';
import { generateReport, getReport, getReportSettings, listReports, reportSettingsInputSchema, saveReportSettings } from '@tweetflow/core/reports';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';

export const reportsRouter = {
  settings: workspaceProcedure('viewer').query(({ ctx }) => getReportSettings(ctx.db, ctx.workspace.id)),

  /** Saves which reports the workspace gets and when; the schedules follow within seconds. */
  saveSettings: workspaceProcedure('owner')
    .input(z.object({ settings: reportSettingsInputSchema }))
    .mutation(async ({ ctx, input }) => {
      const saved = await saveReportSettings(ctx.db, ctx.clock.now(), ctx.workspace.id, input.settings);
      await ctx.boss.send(QUEUES.syncReportSchedules, {});
      return saved;
    }),

  list: workspaceProcedure('viewer')
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listReports(ctx.db, ctx.workspace.id, input.limit)),

  get: workspaceProcedure('viewer')
    .input(z.object({ reportId: z.uuid({ error: 'must be a report id' }) }))
    .query(({ ctx, input }) => getReport(ctx.db, { workspaceId: ctx.workspace.id, reportId: input.reportId })),

  /** Builds (and emails) the report of the period that just ended, now, rather than at its scheduled hour. */
  runNow: workspaceProcedure('editor')
    .input(z.object({ kind: z.enum(['daily', 'weekly'], { error: 'must be daily or weekly' }) }))
    .mutation(({ ctx, input }) =>
      generateReport(ctx.db, { ...emailDeps(ctx.config, ctx.boss, ctx.clock), publicUrl: ctx.config.publicUrl }, { workspaceId: ctx.workspace.id, kind: input.kind }),
    ),

  /** The workspace's sent and stored emails (reports, alerts): without SMTP this is where they are read. */
  emails: workspaceProcedure('editor')
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listOutboundEmails(ctx.db, ctx.workspace.id, input.limit)),
} satisfies TRPCRouterRecord;
