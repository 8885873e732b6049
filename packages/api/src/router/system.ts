import type { TRPCRouterRecord } from '@trpc/server';
import { systemHealth } from '@tweetflow/core/health';
import { workspaceProcedure } from '../trpc';

export const systemRouter = {
  /**
   * Queues, workers, database size and the rate-limit windows of this workspace's accounts
   * (and the app's), for workspace owners.
   */
  health: workspaceProcedure('owner').query(({ ctx }) => systemHealth(ctx.db, ctx.boss, ctx.clock.now(), { workspaceId: ctx.workspace.id })),
} satisfies TRPCRouterRecord;
