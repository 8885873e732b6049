import type { TRPCRouterRecord } from '@trpc/server';
import {
  assertWorkspaceCap,
  createPost,
  deletePost,
  getPostDetail,
  getProfile,
  listCalendarPosts,
  listPosts,
  postContentSchema,
  publishTimingSchema,
  reschedulePost,
  unschedulePost,
  updatePost,
} from '@tweetflow/core';
import { z } from 'zod';
import { workspaceProcedure } from '../trpc';
import { timezoneInput } from './inputs';

const postId = z.uuid({ error: 'must be a post id' });
const postStatus = z.enum(['draft', 'scheduled', 'publishing', 'published', 'failed', 'outcome_unknown']);
/** The filters and paging of `list` and `calendar`. */
const postPageInput = z.object({
  accountIds: z.array(z.uuid()).max(100).optional(),
  statuses: z.array(postStatus).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().max(200).nullish(),
});

/** The caller's own zone: the default for "now" and drafts. */
async function callerTimezone(ctx: { db: Parameters<typeof getProfile>[0]; caller: { userId: string } }): Promise<string> {
  return (await getProfile(ctx.db, ctx.caller.userId)).timezone;
}

export const postsRouter = {
  /** Creates a post (one item or a thread) as a draft, to publish now, at a time, or in the queue. */
  create: workspaceProcedure('editor')
    .input(z.object({ content: postContentSchema, timing: publishTimingSchema }))
    .mutation(async ({ ctx, input }) => {
      if (input.timing.kind !== 'draft') await assertWorkspaceCap(ctx.db, ctx.config, ctx.workspace.id, 'scheduledPosts');
      return createPost(ctx.db, ctx.publishing, {
        workspaceId: ctx.workspace.id,
        userId: ctx.caller.userId,
        userTimezone: await callerTimezone(ctx),
        content: input.content,
        timing: input.timing,
      });
    }),

  /** Replaces a draft, scheduled or failed post's content and timing. */
  update: workspaceProcedure('editor')
    .input(z.object({ postId, content: postContentSchema, timing: publishTimingSchema }))
    .mutation(async ({ ctx, input }) =>
      updatePost(ctx.db, ctx.publishing, {
        workspaceId: ctx.workspace.id,
        postId: input.postId,
        userTimezone: await callerTimezone(ctx),
        content: input.content,
        timing: input.timing,
      }),
    ),

  /** Moves a post to another instant (calendar drag). */
  reschedule: workspaceProcedure('editor')
    .input(z.object({ postId, scheduledAt: z.coerce.date({ error: 'must be a date and time' }), timezone: timezoneInput.optional() }))
    .mutation(async ({ ctx, input }) => {
      await reschedulePost(ctx.db, ctx.publishing, {
        workspaceId: ctx.workspace.id,
        postId: input.postId,
        scheduledAt: input.scheduledAt,
        ...(input.timezone ? { timezone: input.timezone } : {}),
      });
      return getPostDetail(ctx.db, { workspaceId: ctx.workspace.id, postId: input.postId });
    }),

  /** Publishes a failed post again (from the item that failed), now. */
  retry: workspaceProcedure('editor')
    .input(z.object({ postId }))
    .mutation(async ({ ctx, input }) => {
      await reschedulePost(ctx.db, ctx.publishing, { workspaceId: ctx.workspace.id, postId: input.postId, scheduledAt: ctx.clock.now() });
      return getPostDetail(ctx.db, { workspaceId: ctx.workspace.id, postId: input.postId });
    }),

  /** Takes a post off the schedule; it stays as a draft. */
  unschedule: workspaceProcedure('editor')
    .input(z.object({ postId }))
    .mutation(async ({ ctx, input }) => {
      await unschedulePost(ctx.db, ctx.publishing, { workspaceId: ctx.workspace.id, postId: input.postId });
      return getPostDetail(ctx.db, { workspaceId: ctx.workspace.id, postId: input.postId });
    }),

  /** Deletes a post that is not on X. */
  delete: workspaceProcedure('editor')
    .input(z.object({ postId }))
    .mutation(({ ctx, input }) => deletePost(ctx.db, { workspaceId: ctx.workspace.id, postId: input.postId })),

  /** One post with its items, media and the history of its calls to X. */
  get: workspaceProcedure('viewer')
    .input(z.object({ postId }))
    .query(({ ctx, input }) => getPostDetail(ctx.db, { workspaceId: ctx.workspace.id, postId: input.postId })),

  /** Whole posts in a time range or all posts newest first (list view, SDK), filtered and paged. */
  list: workspaceProcedure('viewer')
    .input(postPageInput.extend({ from: z.coerce.date().optional(), to: z.coerce.date().optional() }))
    .query(({ ctx, input }) => listPosts(ctx.db, { ...input, workspaceId: ctx.workspace.id })),

  /** What the calendar shows of the posts in a time range (time, status, account, first text), paged. */
  calendar: workspaceProcedure('viewer')
    .input(postPageInput.extend({ from: z.coerce.date(), to: z.coerce.date() }))
    .query(({ ctx, input }) => listCalendarPosts(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
} satisfies TRPCRouterRecord;
