import { activateWorkflow, createWorkflow, getRun, runWorkflowNow } from '@tweetflow/core';
import { expect } from 'vitest';
import { waitUntil, type startPublishingStack } from './publishing-stack';

type Stack = Awaited<ReturnType<typeof startPublishingStack>>;

/**
 * Saves and activates a workflow in the stack's workspace; answers a function that starts
 * a run of it by hand (`{ runId }`).
 *
 * @example
 * const start = await activeWorkflow(stack, 'Quick', definition);
 * const { runId } = await start();
 */
export async function activeWorkflow(stack: Stack, name: string, definition: Record<string, unknown>) {
  const { workflowId, problems } = await createWorkflow(stack.database.db, stack.deps, { workspaceId: stack.workspaceId, userId: stack.userId, name, definition });
  expect(problems).toEqual([]);
  await activateWorkflow(stack.database.db, stack.deps, { workspaceId: stack.workspaceId, workflowId });
  return () => runWorkflowNow(stack.database.db, stack.deps, { workspaceId: stack.workspaceId, workflowId, userId: stack.userId });
}

/** The run as it stands. */
export const runOf = (stack: Stack, runId: string) => getRun(stack.database.db, { workspaceId: stack.workspaceId, runId });

/**
 * The run once it has succeeded or failed, or a failure after `timeoutMs` with `describe`.
 *
 * @example
 * const run = await endedRun(stack, runId, 20_000, () => worker.output());
 */
export function endedRun(stack: Stack, runId: string, timeoutMs: number, describe: () => Promise<string> | string) {
  return waitUntil(async () => {
    const run = await runOf(stack, runId);
    return run.status === 'succeeded' || run.status === 'failed' ? run : undefined;
  }, timeoutMs, describe);
}
