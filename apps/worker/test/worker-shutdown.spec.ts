import { describe, expect, it } from 'vitest';
import { QUEUES } from '@tweetflow/core';
import { startPublishingStack, waitUntil } from './publishing-stack';
import { activeWorkflow, runOf, startHeldReceiver, closedAfterEach } from './workflow-stack';

const opened = closedAfterEach();

const SHUTDOWN_TIMEOUT_MS = 3_000;

describe('stopping the worker', () => {
  it('gives a hanging run and a hanging publish one SHUTDOWN_TIMEOUT_MS together, then hands both jobs back', { timeout: 90_000 }, async () => {
    const stack = (opened.stack = await startPublishingStack({ xRequestTimeoutMs: 60_000 }));
    // A run whose HTTP call is never answered (the runs' own fetch loop holds its job)…
    const receiver = (opened.receiver = await startHeldReceiver());
    const startSlow = await activeWorkflow(stack, 'Slow', {
      trigger: { type: 'manual', params: {} },
      nodes: [{ id: 'call', type: 'http', params: { url: `${receiver.url}/slow`, timeoutMs: 30_000 } }],
      edges: [{ from: 'trigger', to: 'call' }],
    });
    // …and a post whose call to X hangs (a pg-boss worker holds its job).
    const [account] = await stack.connectAccounts('stopping', 1);
    stack.sandbox.admin.injectFault({ kind: 'timeout', method: 'POST', path: '/2/tweets' });

    const worker = stack.startWorker({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
    const { runId } = await startSlow();
    await stack.schedulePosts([account!], ['Held up at X']);
    await waitUntil(async () => (receiver.held.length === 1 && stack.sandbox.admin.stats().injectedFaults === 1 ? true : undefined), 30_000, () => worker.output());

    const stoppedAt = Date.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const took = Date.now() - stoppedAt;

    // Both waited out the same timeout: one after the other took twice as long (6.0–6.2 s).
    expect(took).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS - 100);
    expect(took).toBeLessThan(SHUTDOWN_TIMEOUT_MS * 1.5);
    // Handed back, so the next worker picks them up, rather than left active until they expire.
    const { boss } = stack.deps;
    expect((await boss.findJobs(QUEUES.workflowRun)).map((job) => job.state)).toEqual(['retry']);
    expect((await boss.findJobs(QUEUES.publishPost)).map((job) => job.state)).toEqual(['retry']);
    expect((await runOf(stack, runId)).status).toBe('running');
  });
});
