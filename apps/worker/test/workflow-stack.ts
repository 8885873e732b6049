import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { activateWorkflow, createWorkflow, getRun, runWorkflowNow } from '@tweetflow/core';
import { afterEach, expect } from 'vitest';
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

/**
 * An HTTP server that answers nothing until the test says so: a workflow's HTTP call to
 * `url` hangs, and each waiting call is in `held`.
 *
 * @example
 * const receiver = await startHeldReceiver();
 * // …a run calls `${receiver.url}/slow`…
 * receiver.release();
 * await receiver.close();
 */
export async function startHeldReceiver() {
  const held: http.ServerResponse[] = [];
  const server = http.createServer((_request, response) => void held.push(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    /** Answers the first call held. */
    release: () => held[0]!.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type HeldReceiver = Awaited<ReturnType<typeof startHeldReceiver>>;

/**
 * Where a test keeps the stack and the held receiver it starts; after each test both are
 * closed (the receiver first, so no call is left hanging into the stack's close).
 *
 * @example
 * const opened = closedAfterEach();
 * const stack = (opened.stack = await startPublishingStack());
 */
export function closedAfterEach(): { stack?: Stack; receiver?: HeldReceiver } {
  const opened: { stack?: Stack; receiver?: HeldReceiver } = {};
  afterEach(async () => {
    await opened.receiver?.close();
    await opened.stack?.close();
    delete opened.receiver;
    delete opened.stack;
  });
  return opened;
}
