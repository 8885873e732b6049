import type { TRPCRouterRecord } from '@trpc/server';
import { createApiToken, listApiTokens, revokeApiToken } from '@tweetflow/core';
import { z } from 'zod';
import { auditAs } from '../audit-context';
import { workspaceProcedure } from '../trpc';
import { nameInput, roleInput } from './inputs';

/**
 * Personal API tokens. Creating and revoking require a browser session: a token must not
 * be able to mint more tokens.
 */
export const apiTokensRouter = {
  list: workspaceProcedure('viewer').query(({ ctx }) =>
    listApiTokens(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.caller.userId }),
  ),

  create: workspaceProcedure('viewer', { sessionOnly: true })
    .input(
      z.object({
        name: nameInput('The token name'),
        role: roleInput,
        expiresInDays: z.number().int().min(1, 'must be at least 1 day').max(365, 'must be at most 365 days').nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const created = await createApiToken(ctx.db, ctx.clock, {
        name: input.name,
        role: input.role,
        expiresInDays: input.expiresInDays,
        workspaceId: ctx.workspace.id,
        userId: ctx.caller.userId,
        callerRole: ctx.workspace.role,
      });
      await auditAs(ctx, {
        action: 'api_token.created',
        workspaceId: ctx.workspace.id,
        target: { type: 'api_token', id: created.view.id },
        details: { name: created.view.name, role: created.view.role, prefix: created.view.prefix },
      });
      return created;
    }),

  revoke: workspaceProcedure('viewer', { sessionOnly: true })
    .input(z.object({ tokenId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiToken(ctx.db, ctx.clock, { workspaceId: ctx.workspace.id, userId: ctx.caller.userId, tokenId: input.tokenId });
      await auditAs(ctx, { action: 'api_token.revoked', workspaceId: ctx.workspace.id, target: { type: 'api_token', id: input.tokenId } });
    }),
} satisfies TRPCRouterRecord;
