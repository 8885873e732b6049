import type { TRPCRouterRecord } from '@trpc/server';
import { describeMedia, mediaDescriptionSchema } from '@tweetflow/core';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';

export const mediaRouter = {
  /**
   * Saves the alt text of uploaded media files (uploads go through `POST /api/media`); the
   * composer sends its attachments' descriptions when it saves a post.
   */
  describe: workspaceProcedure('editor')
    .input(z.object({ descriptions: z.array(mediaDescriptionSchema).max(100, { error: 'Describe at most 100 media files at a time.' }) }))
    .mutation(async ({ ctx, input }) => {
      await describeMedia(ctx.db, { workspaceId: ctx.workspace.id, descriptions: input.descriptions });
      return { described: input.descriptions.length };
    }),
} satisfies TRPCRouterRecord;
