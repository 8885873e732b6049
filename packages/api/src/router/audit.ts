import type { TRPCRouterRecord } from '@trpc/server';
import { AUDIT_ACTIONS, listAuditEntries } from '@tweetflow/core';
import { z } from 'zod';
import { protectedProcedure, workspaceProcedure } from '../trpc';

/** Filters of the audit log, shared with the CSV download. */
export const auditFilterInput = z.object({
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)?$/, 'must be an action such as member.removed, or a group such as member')
    .nullish(),
  actorUserId: z.uuid({ error: 'must be a person’s id' }).nullish(),
  from: z.coerce.date({ error: 'must be a date' }).nullish(),
  to: z.coerce.date({ error: 'must be a date' }).nullish(),
});

/** The workspace audit log: owners only, since it shows members' addresses and browsers. */
export const auditRouter = {
  /** A page of entries, newest first; pass the last entry's `at` and `id` as `before` for more. */
  list: workspaceProcedure('owner')
    .input(
      auditFilterInput.extend({
        before: z.object({ at: z.coerce.date(), id: z.uuid() }).nullish(),
        limit: z.number().int().min(1).max(200, 'must be at most 200').default(50),
      }),
    )
    .query(({ ctx, input }) =>
      listAuditEntries(ctx.db, { workspaceId: ctx.workspace.id, filter: input, limit: input.limit, before: input.before ?? null }),
    ),

  /** Every action the log knows, grouped as the filter offers them. */
  actions: protectedProcedure.query(() =>
    Object.entries(AUDIT_ACTIONS).map(([action, label]) => ({ action, label, group: action.split('.')[0]! })),
  ),
} satisfies TRPCRouterRecord;
