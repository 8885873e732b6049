import type { TRPCRouterRecord } from '@trpc/server';
import { publicProcedure } from '../trpc';

export const healthRouter = {
  /** Whether the API can reach its database and job queue. */
  check: publicProcedure.query(async ({ ctx }) => {
    const readiness = await ctx.checkReadiness();
    return { ...readiness, time: ctx.clock.now() };
  }),
} satisfies TRPCRouterRecord;
