import type { TRPCRouterRecord } from '@trpc/server';
import { disconnectXAccount, listXAccounts, xAccountRateLimits } from '@tweetflow/core';
import { z } from 'zod';
import { auditAs } from '../audit-context';
import { workspaceProcedure } from '../trpc';

export const xAccountsRouter = {
  /** The workspace's connected accounts with their health; never tokens. */
  list: workspaceProcedure('viewer').query(({ ctx }) => listXAccounts(ctx.db, ctx.workspace.id)),

  /** Revokes the account's tokens at X and removes it from the workspace. */
  disconnect: workspaceProcedure('editor')
    .input(z.object({ accountId: z.uuid({ error: 'must be an account id' }) }))
    .mutation(async ({ ctx, input }) => {
      const account = (await listXAccounts(ctx.db, ctx.workspace.id)).find((candidate) => candidate.id === input.accountId);
      await disconnectXAccount(ctx.db, ctx.xAccounts, { workspaceId: ctx.workspace.id, accountId: input.accountId });
      await auditAs(ctx, {
        action: 'x_account.disconnected',
        workspaceId: ctx.workspace.id,
        target: { type: 'x_account', id: input.accountId },
        details: { username: account?.username ?? null },
      });
    }),

  /** What the rate-limit ledger knows of the account's budget, per endpoint. */
  rateLimits: workspaceProcedure('viewer')
    .input(z.object({ accountId: z.uuid({ error: 'must be an account id' }) }))
    .query(({ ctx, input }) => xAccountRateLimits(ctx.db, { workspaceId: ctx.workspace.id, accountId: input.accountId })),
} satisfies TRPCRouterRecord;
