import type { TRPCRouterRecord } from '@trpc/server';
import { localDateTimeSchema } from '@tweetflow/core';
import { forecastPostQuota, MAX_UNITS_PER_POST, resolveLocalDateTime } from '@tweetflow/core/scheduling';
import { z } from 'zod';
import { protectedProcedure, workspaceProcedure } from '../trpc';
import { timezoneInput } from './inputs';

export const schedulingRouter = {
  /**
   * The instant a wall-clock time names in a zone, and whether it falls in a clock change
   * (a gap moves it forward; a repeated hour needs a choice), for the composer's warning.
   */
  resolveLocalTime: protectedProcedure
    .input(
      z.object({
        localDateTime: localDateTimeSchema,
        timezone: timezoneInput,
        repeatedTime: z.enum(['earlier', 'later'], { error: 'must be earlier or later' }).default('earlier'),
      }),
    )
    .query(({ input }) => resolveLocalDateTime(input.localDateTime, input.timezone, input.repeatedTime)),

  /**
   * How many calls to X the account's scheduled posts make over the next 24 hours against
   * X's limits; `extraAt` adds the post being scheduled (of `extraUnits` thread items).
   */
  forecast: workspaceProcedure('viewer')
    .input(
      z.object({
        accountId: z.uuid({ error: 'choose an X account' }),
        extraAt: z.coerce.date({ error: 'must be a date and time' }).optional(),
        extraUnits: z.number().int().min(1).max(MAX_UNITS_PER_POST, { error: `a thread has up to ${MAX_UNITS_PER_POST} items` }).default(1),
      }),
    )
    .query(({ ctx, input }) =>
      forecastPostQuota(ctx.db, {
        workspaceId: ctx.workspace.id,
        accountId: input.accountId,
        now: ctx.clock.now(),
        extra: input.extraAt ? [{ at: input.extraAt, units: input.extraUnits }] : [],
      }),
    ),
} satisfies TRPCRouterRecord;
