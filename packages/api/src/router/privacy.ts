import type { TRPCRouterRecord } from '@trpc/server';
import {
  cancelErasure,
  EXPORT_LINK_PURPOSE,
  exportDownloadLink,
  listAccountAuditEntries,
  listDataExports,
  pendingErasuresFor,
  requestDataExport,
  scheduleAccountErasure,
  scheduleWorkspaceErasure,
  type DataExportView,
} from '@tweetflow/core';
import { z } from 'zod';
import type { ApiContext } from '../context';
import { protectedProcedure, sessionProcedure, workspaceProcedure } from '../trpc';

const confirmation = z.object({
  confirmation: z.string().trim().min(1, 'type the name to confirm').max(320, 'is longer than any name or email here'),
});

/** Export rows as the page shows them: ready ones carry their signed download link. */
function withLinks(ctx: Pick<ApiContext, 'xAccounts'>, views: DataExportView[]) {
  const key = ctx.xAccounts.keyring.deriveKey(EXPORT_LINK_PURPOSE);
  return views.map((view) => ({ ...view, downloadUrl: exportDownloadLink(key, view) }));
}

function erasureDeps(ctx: Pick<ApiContext, 'db' | 'boss' | 'clock' | 'config'>) {
  return { db: ctx.db, boss: ctx.boss, clock: ctx.clock, graceDays: ctx.config.ERASURE_GRACE_DAYS };
}

/**
 * Privacy & data: exports of a person's or a workspace's data, deleting an account or a
 * workspace after a grace period (and undoing it), and the person's own account activity.
 * All of it needs a browser session: an API token must not be able to take everything
 * out or delete an account.
 */
export const privacyRouter = {
  /** Personal exports, newest first, with download links for ready ones. */
  exports: sessionProcedure.query(async ({ ctx }) =>
    withLinks(ctx, await listDataExports(ctx.db, { userId: ctx.caller.userId, workspaceId: null })),
  ),

  requestExport: sessionProcedure.mutation(({ ctx }) =>
    requestDataExport(ctx.db, ctx.boss, ctx.clock, { userId: ctx.caller.userId, workspaceId: null, client: ctx.client }),
  ),

  /** This workspace's exports the caller asked for. */
  workspaceExports: workspaceProcedure('owner', { sessionOnly: true }).query(async ({ ctx }) =>
    withLinks(ctx, await listDataExports(ctx.db, { userId: ctx.caller.userId, workspaceId: ctx.workspace.id })),
  ),

  requestWorkspaceExport: workspaceProcedure('owner', { sessionOnly: true }).mutation(({ ctx }) =>
    requestDataExport(ctx.db, ctx.boss, ctx.clock, { userId: ctx.caller.userId, workspaceId: ctx.workspace.id, client: ctx.client }),
  ),

  /** What is scheduled for deletion: the caller's account, and workspaces they belong to. */
  deletions: protectedProcedure.query(async ({ ctx }) => ({
    ...(await pendingErasuresFor(ctx.db, ctx.caller.userId)),
    graceDays: ctx.config.ERASURE_GRACE_DAYS,
  })),

  deleteAccount: sessionProcedure
    .input(confirmation)
    .mutation(({ ctx, input }) =>
      scheduleAccountErasure(erasureDeps(ctx), { userId: ctx.caller.userId, confirmation: input.confirmation, client: ctx.client }),
    ),

  cancelAccountDeletion: sessionProcedure.mutation(({ ctx }) =>
    cancelErasure(ctx.db, ctx.clock, { subject: { userId: ctx.caller.userId }, userId: ctx.caller.userId, client: ctx.client }),
  ),

  deleteWorkspace: workspaceProcedure('owner', { sessionOnly: true })
    .input(confirmation)
    .mutation(({ ctx, input }) =>
      scheduleWorkspaceErasure(erasureDeps(ctx), {
        workspaceId: ctx.workspace.id,
        userId: ctx.caller.userId,
        confirmation: input.confirmation,
        client: ctx.client,
      }),
    ),

  cancelWorkspaceDeletion: workspaceProcedure('owner', { sessionOnly: true }).mutation(({ ctx }) =>
    cancelErasure(ctx.db, ctx.clock, { subject: { workspaceId: ctx.workspace.id }, userId: ctx.caller.userId, client: ctx.client }),
  ),

  /** The caller's own sign-ins and account changes, newest first. */
  accountActivity: sessionProcedure.query(({ ctx }) => listAccountAuditEntries(ctx.db, { userId: ctx.caller.userId, limit: 20 })),
} satisfies TRPCRouterRecord;
