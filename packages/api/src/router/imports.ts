import type { TRPCRouterRecord } from '@trpc/server';
import { assertWorkspaceCap, getProfile } from '@tweetflow/core';
import { commitCsvImport, previewCsvImport, readCsvRows } from '@tweetflow/core/scheduling';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';

/** 500 posts of 280 characters fit many times over; more is not a posting plan. */
const MAX_CSV_CHARACTERS = 1_000_000;

const csvInput = z.object({
  csv: z
    .string()
    .min(1, { error: 'The file is empty; it needs a header row (text, time, account) and one row per post.' })
    .max(MAX_CSV_CHARACTERS, { error: 'The file is larger than 1 MB; split it into smaller files.' }),
});

export const importsRouter = {
  /**
   * Checks a CSV (columns text, time, account, timezone, media_url) and reports every row
   * with its problems; creates nothing. A mutation because the file is too large for a URL.
   */
  previewCsv: workspaceProcedure('editor')
    .input(csvInput)
    .mutation(async ({ ctx, input }) =>
      previewCsvImport(ctx.db, {
        workspaceId: ctx.workspace.id,
        csv: input.csv,
        defaultTimezone: (await getProfile(ctx.db, ctx.caller.userId)).timezone,
        now: ctx.clock.now(),
      }),
    ),

  /** Schedules every row of the same CSV, or none when any row has a problem. */
  commitCsv: workspaceProcedure('editor')
    .input(csvInput)
    .mutation(async ({ ctx, input }) => {
      const defaultTimezone = (await getProfile(ctx.db, ctx.caller.userId)).timezone;
      const rows = readCsvRows(input.csv).rows.length;
      await assertWorkspaceCap(ctx.db, ctx.config, ctx.workspace.id, 'scheduledPosts', rows);
      const { postIds } = await commitCsvImport(ctx.db, ctx.workflows, {
        workspaceId: ctx.workspace.id,
        userId: ctx.caller.userId,
        csv: input.csv,
        defaultTimezone,
      });
      return { created: postIds.length, postIds };
    }),
} satisfies TRPCRouterRecord;
