import type { TRPCRouterRecord } from '@trpc/server';
import { getProfile, invalidateAllSessions, updateProfile } from '@tweetflow/core';
import { z } from 'zod';
import { auditAs } from '../audit-context';
import { protectedProcedure, sessionProcedure } from '../trpc';
import { nameInput, timezoneInput } from './inputs';

export const authRouter = {
  /** The signed-in person and what they last had selected. */
  me: protectedProcedure.query(async ({ ctx }) => ({
    ...(await getProfile(ctx.db, ctx.caller.userId)),
    via: ctx.caller.kind,
  })),

  updateProfile: sessionProcedure
    .input(z.object({ displayName: nameInput('Your name'), timezone: timezoneInput }))
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.caller.userId, input)),

  /** Ends every session of this person, on every device, including this one. */
  signOutEverywhere: sessionProcedure.mutation(async ({ ctx }) => {
    const ended = await invalidateAllSessions(ctx.db, ctx.caller.userId);
    await auditAs(ctx, { action: 'auth.signed_out_everywhere', details: { sessions: ended } });
    return { ended };
  }),
} satisfies TRPCRouterRecord;
