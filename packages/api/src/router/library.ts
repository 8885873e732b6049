import type { TRPCRouterRecord } from '@trpc/server';
import { createLibraryItem, deleteLibraryItem, libraryItemInputSchema, listLibraryItems, updateLibraryItem } from '@tweetflow/core/scheduling';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';

const id = z.uuid({ error: 'must be a library item id' });
const kind = z.enum(['template', 'snippet', 'hashtag_group'], { error: 'must be template, snippet or hashtag_group' });

export const libraryRouter = {
  /** The workspace's templates, snippets and hashtag groups, or one kind of them. */
  list: workspaceProcedure('viewer')
    .input(z.object({ kind: kind.optional() }))
    .query(({ ctx, input }) => listLibraryItems(ctx.db, { workspaceId: ctx.workspace.id, ...(input.kind ? { kind: input.kind } : {}) })),

  create: workspaceProcedure('editor')
    .input(z.object({ item: libraryItemInputSchema }))
    .mutation(({ ctx, input }) => createLibraryItem(ctx.db, ctx.clock, { workspaceId: ctx.workspace.id, userId: ctx.caller.userId, item: input.item })),

  /** Replaces an item's name and content; its kind cannot change. */
  update: workspaceProcedure('editor')
    .input(z.object({ id, item: libraryItemInputSchema }))
    .mutation(({ ctx, input }) => updateLibraryItem(ctx.db, ctx.clock, { workspaceId: ctx.workspace.id, id: input.id, item: input.item })),

  delete: workspaceProcedure('editor')
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => deleteLibraryItem(ctx.db, { workspaceId: ctx.workspace.id, id: input.id })),
} satisfies TRPCRouterRecord;
