import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startPublishingStack, waitUntil } from './publishing-stack';
import { activeWorkflow, endedRun, runOf } from './workflow-stack';

type Stack = Awaited<ReturnType<typeof startPublishingStack>>;
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function startWorkflow(stack: Stack, definition: Record<string, unknown>) {
  const start = await activeWorkflow(stack, 'Durable', definition);
  return (await start()).runId;
}

describe('workflow runs survive their worker', () => {
  it('resumes a run whose worker was SIGKILLed while X was answering, without posting anything twice', { timeout: 120_000 }, async () => {
    stack = await startPublishingStack({ xRequestTimeoutMs: 10_000 });
    const [account] = await stack.connectAccounts('durable', 1);
    // The second post hangs at X for 4 s (and X then creates it): the worker dies meanwhile.
    stack.sandbox.admin.injectFault({ kind: 'latency', latencyMs: 4_000, skip: 1, count: 1, method: 'POST', path: '/2/tweets' });
    const runId = await startWorkflow(stack, {
      trigger: { type: 'manual', params: {} },
      nodes: ['first', 'second', 'third'].map((id) => ({ id, type: 'x.post', params: { accountId: account!.id, text: `The ${id} post` } })),
      edges: [
        { from: 'trigger', to: 'first' },
        { from: 'first', to: 'second' },
        { from: 'second', to: 'third' },
      ],
    });
    const texts = () => stack!.sandbox.admin.postsOf(account!.username).map((post) => post.text);

    const first = stack.startWorker();
    // Killed once X has the second post's request in hand (it is held there for 4 s).
    const postsSent = () => stack!.sandbox.admin.stats().requestsByEndpoint['POST /2/tweets'] ?? 0;
    await waitUntil(async () => (postsSent() >= 2 ? true : undefined), 60_000, () => first.output());
    first.child.kill('SIGKILL');
    await first.exited;
    await waitUntil(async () => (texts().length === 2 ? true : undefined), 20_000, () => JSON.stringify(texts()));

    const second = stack.startWorker();
    const finished = await endedRun(stack, runId, 90_000, () => second.output());

    expect(finished.status).toBe('succeeded');
    expect(texts()).toEqual(['The first post', 'The second post', 'The third post']);
    expect(stack.sandbox.admin.stats().duplicatePostsSeen).toBe(0);
  });

  it('a 2-minute wait outlives a worker restart and the run goes on when it is due', { timeout: 120_000 }, async () => {
    stack = await startPublishingStack();
    const [account] = await stack.connectAccounts('patient', 1);
    const pinged: string[] = [];
    const receiver = http.createServer((request, response) => {
      pinged.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    try {
      const runId = await startWorkflow(stack, {
        trigger: { type: 'manual', params: {} },
        nodes: [
          { id: 'before', type: 'http', params: { url: `http://127.0.0.1:${port}/before` } },
          { id: 'pause', type: 'wait', params: { mode: 'duration', seconds: 120 } },
          { id: 'after', type: 'x.post', params: { accountId: account!.id, text: 'Still here after the wait' } },
        ],
        edges: [
          { from: 'trigger', to: 'before' },
          { from: 'before', to: 'pause' },
          { from: 'pause', to: 'after' },
        ],
      });
      const worker = stack.startWorker();
      await waitUntil(async () => ((await runOf(stack!, runId)).status === 'waiting' ? true : undefined), 30_000, () => worker.output());
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);

      // Two minutes pass while no worker runs: the wait's job and its planned end are moved
      // to now (the test cannot move the worker's clock).
      await stack.database.sql`update pgboss.job set start_after = now() where name = 'workflows.run' and state = 'created'`;
      await stack.database.sql`update workflow_steps set state = jsonb_build_object('waitUntil', to_jsonb(now())) where node_id = 'pause'`;
      const restarted = stack.startWorker();
      await waitUntil(async () => ((await runOf(stack!, runId)).status === 'succeeded' ? true : undefined), 60_000, async () =>
        JSON.stringify({
          run: await runOf(stack!, runId),
          jobs: await stack!.database.sql`select name, state, start_after, retry_count from pgboss.job where name like 'workflows.%'`,
        }) + restarted.output(),
      );

      expect(stack.sandbox.admin.postsOf(account!.username).map((post) => post.text)).toEqual(['Still here after the wait']);
      expect(pinged).toEqual(['/before']);
    } finally {
      receiver.close();
    }
  });
});
