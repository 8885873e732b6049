import type { TRPCRouterRecord } from '@trpc/server';
import { openWorkspaceEvents, type WorkspaceEvent } from '@tweetflow/core';
import { workspaceProcedure } from '../trpc';

export const eventsRouter = {
  /**
   * Live changes in a workspace (post status changes, the caller's notifications), streamed
   * over SSE. Fed by Postgres LISTEN/NOTIFY, so changes made by the worker arrive too.
   */
  workspace: workspaceProcedure('viewer').subscription(async ({ ctx, signal }) => {
    // Listening before the stream is announced as open: no change falls in between.
    const events = await openWorkspaceEvents(ctx.events, ctx.workspace.id, signal ?? new AbortController().signal);
    const userId = ctx.caller.userId;
    return (async function* (): AsyncGenerator<WorkspaceEvent> {
      for await (const event of events) {
        if (event.type === 'notification' && event.userId !== userId) continue;
        yield event;
      }
    })();
  }),
} satisfies TRPCRouterRecord;
