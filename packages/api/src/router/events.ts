import type { TRPCRouterRecord } from '@trpc/server';
import { workspaceEvents, type WorkspaceEvent } from '@tweetflow/core';
import { workspaceProcedure } from '../trpc';

export const eventsRouter = {
  /**
   * Live changes in a workspace (post status changes, the caller's notifications), streamed
   * over SSE. Fed by Postgres LISTEN/NOTIFY, so changes made by the worker arrive too.
   */
  workspace: workspaceProcedure('viewer').subscription(async function* ({ ctx, signal }): AsyncGenerator<WorkspaceEvent> {
    const stop = signal ?? new AbortController().signal;
    for await (const event of workspaceEvents(ctx.events, ctx.workspace.id, stop)) {
      if (event.type === 'notification' && event.userId !== ctx.caller.userId) continue;
      yield event;
    }
  }),
} satisfies TRPCRouterRecord;
