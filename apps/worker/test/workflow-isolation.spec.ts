import { describe, expect, it } from 'vitest';
import { startPublishingStack, waitUntil } from './publishing-stack';
import { activeWorkflow, endedRun, runOf, startHeldReceiver, closedAfterEach } from './workflow-stack';

const opened = closedAfterEach();

/**
 * Two active workflows: "Slow" calls an HTTP server that answers nothing until the test
 * releases it (`held`), "Quick" only sets a variable.
 */
async function slowAndQuick() {
  const stack = (opened.stack = await startPublishingStack());
  const receiver = (opened.receiver = await startHeldReceiver());
  const startSlow = await activeWorkflow(stack, 'Slow', {
    trigger: { type: 'manual', params: {} },
    nodes: [{ id: 'call', type: 'http', params: { url: `${receiver.url}/slow`, timeoutMs: 30_000 } }],
    edges: [{ from: 'trigger', to: 'call' }],
  });
  const startQuick = await activeWorkflow(stack, 'Quick', {
    trigger: { type: 'manual', params: {} },
    nodes: [{ id: 'note', type: 'set', params: { variables: { done: 'yes' } } }],
    edges: [{ from: 'trigger', to: 'note' }],
  });
  return { stack, held: receiver.held, startSlow, startQuick, release: receiver.release };
}

describe('a slow run does not hold up the others', () => {
  it('a run whose HTTP call hangs does not stop another workflow’s run from finishing', { timeout: 90_000 }, async () => {
    const { stack, held, startSlow, startQuick, release } = await slowAndQuick();
    const worker = stack.startWorker();
    const slow = await startSlow();
    await waitUntil(async () => (held.length === 1 ? true : undefined), 30_000, () => worker.output());

    const quick = await startQuick();
    const finished = await endedRun(stack, quick.runId, 20_000, () => worker.output());

    expect(finished.status).toBe('succeeded');
    // The slow run is still waiting for its answer: the quick one did not wait for it.
    expect(held).toHaveLength(1);
    expect((await runOf(stack, slow.runId)).status).toBe('running');

    release();
    const slowDone = await endedRun(stack, slow.runId, 20_000, () => worker.output());
    expect(slowDone.status).toBe('succeeded');
  });

  it('a run fetched in the same batch as one whose HTTP call hangs finishes without waiting for it', { timeout: 90_000 }, async () => {
    const { stack, held, startSlow, startQuick, release } = await slowAndQuick();
    // Both jobs are waiting when the worker starts, so its first fetch takes them together.
    const slow = await startSlow();
    const quick = await startQuick();
    const worker = stack.startWorker();

    const finished = await endedRun(stack, quick.runId, 20_000, () => worker.output());

    expect(finished.status).toBe('succeeded');
    expect(held).toHaveLength(1);
    expect((await runOf(stack, slow.runId)).status).toBe('running');
    release();
    expect((await endedRun(stack, slow.runId, 20_000, () => worker.output())).status).toBe('succeeded');
  });
});
