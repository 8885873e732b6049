import type { TRPCRouterRecord } from '@trpc/server';
import {
  ALERT_KINDS,
  alertRuleInputSchema,
  createAlertRule,
  deleteAlertRule,
  listAlertIncidents,
  listAlertRules,
  snoozeAlertRule,
  updateAlertRule,
} from '@tweetflow/core/alerts';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';

const ruleId = z.uuid({ error: 'must be an alert rule id' });

export const alertsRouter = {
  /** The kinds of rule, with what their threshold means and its default. */
  kinds: workspaceProcedure('viewer').query(() => ALERT_KINDS),

  rules: workspaceProcedure('viewer').query(({ ctx }) => listAlertRules(ctx.db, ctx.workspace.id)),

  incidents: workspaceProcedure('viewer')
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listAlertIncidents(ctx.db, ctx.workspace.id, input.limit)),

  create: workspaceProcedure('editor')
    .input(z.object({ rule: alertRuleInputSchema }))
    .mutation(({ ctx, input }) => createAlertRule(ctx.db, ctx.clock.now(), { workspaceId: ctx.workspace.id, userId: ctx.caller.userId, rule: input.rule })),

  update: workspaceProcedure('editor')
    .input(z.object({ ruleId, rule: alertRuleInputSchema }))
    .mutation(({ ctx, input }) => updateAlertRule(ctx.db, { workspaceId: ctx.workspace.id, ruleId: input.ruleId, rule: input.rule })),

  /** Snoozes a rule for some hours (incidents are recorded, not delivered), or wakes it with 0. */
  snooze: workspaceProcedure('editor')
    .input(z.object({ ruleId, hours: z.number().min(0).max(24 * 30, { error: 'snooze for at most 30 days' }) }))
    .mutation(({ ctx, input }) =>
      snoozeAlertRule(ctx.db, {
        workspaceId: ctx.workspace.id,
        ruleId: input.ruleId,
        until: input.hours === 0 ? null : new Date(ctx.clock.now().getTime() + input.hours * 3_600_000),
      }),
    ),

  delete: workspaceProcedure('editor')
    .input(z.object({ ruleId }))
    .mutation(({ ctx, input }) => deleteAlertRule(ctx.db, { workspaceId: ctx.workspace.id, ruleId: input.ruleId })),
} satisfies TRPCRouterRecord;
