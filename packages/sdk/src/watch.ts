import type { TweetFlowClient } from './client.ts';
import type { PostDetail, WorkflowRun, WorkspaceEvent } from './types.ts';
import { watchWorkspaceUntil } from './watch-workspace.ts';

export type WatchOptions = {
  /** Stops watching (the promise rejects with the signal's reason), e.g. `AbortSignal.timeout(120_000)`. */
  signal?: AbortSignal;
  /** Every event about the watched post or run, as it arrives (progress output). */
  onEvent?: (event: WorkspaceEvent) => void;
};

// A post in any other status may still change on its own (scheduled, publishing, outcome
// being reconciled); a draft was taken off the schedule and will not publish.
const SETTLED_POST_STATUSES = new Set(['published', 'failed', 'draft']);
const FINISHED_RUN_STATUSES = new Set(['succeeded', 'failed', 'cancelled', 'skipped']);

/**
 * Resolves with the post once it is published, has failed (see `statusReason`), or was
 * taken off the schedule; rejects if it is deleted meanwhile.
 *
 * @example
 * const post = await watchPost(client, { workspaceId, postId: created.id, signal: AbortSignal.timeout(300_000) });
 * if (post.status === 'failed') console.error(post.statusReason);
 */
export function watchPost(client: TweetFlowClient, target: { workspaceId: string; postId: string }, options: WatchOptions = {}): Promise<PostDetail> {
  return watchWorkspaceUntil(
    client,
    target.workspaceId,
    {
      settled: async () => {
        const post = await client.posts.get.query(target);
        return SETTLED_POST_STATUSES.has(post.status) ? post : undefined;
      },
      concerns: (event) => {
        if (event.type === 'post.deleted' && event.postId === target.postId) throw new Error(`Post ${target.postId} was deleted while it was being watched.`);
        return event.type === 'post.changed' && event.postId === target.postId;
      },
    },
    options,
  );
}

/**
 * Resolves with the run (its steps with input, output and error) once it has succeeded,
 * failed, was cancelled or skipped. A run paused at a breakpoint keeps it waiting.
 *
 * @example
 * const { runId } = await client.workflows.run.mutate({ workspaceId, workflowId, dryRun: true });
 * const run = await watchRun(client, { workspaceId, runId }, { onEvent: (event) => console.log(event) });
 */
export function watchRun(client: TweetFlowClient, target: { workspaceId: string; runId: string }, options: WatchOptions = {}): Promise<WorkflowRun> {
  return watchWorkspaceUntil(
    client,
    target.workspaceId,
    {
      settled: async () => {
        const run = await client.workflows.runDetail.query(target);
        return FINISHED_RUN_STATUSES.has(run.status) ? run : undefined;
      },
      concerns: (event) => event.type === 'run.changed' && event.runId === target.runId,
    },
    options,
  );
}
