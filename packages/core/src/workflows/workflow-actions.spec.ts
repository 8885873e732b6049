import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { outboundEmails, users, workflowRuns, workspaceMembers } from '@tweetflow/db';
import type { WorkflowDefinitionInput } from '@tweetflow/workflows';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../http/safe-request';
import { createWorkflow } from './manage/save-workflow';
import { runWorkflowNow } from './runs/run-control';
import { getRun } from './runs/run-queries';
import { activateWorkflow } from './triggers/activation';
import { startWorkflowTestbed, type WorkflowTestbed } from './testing';

let testbed: WorkflowTestbed;
let receiver: http.Server;
let receiverUrl: string;
const received: Array<{ url: string; body: string }> = [];

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ url: request.url ?? '', body });
      if (request.url === '/broken') response.writeHead(500).end('down');
      else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: ['alpha', 'beta'] }));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

beforeEach(async () => {
  testbed = await startWorkflowTestbed();
  await testbed.connect('ada');
  await testbed.database.db.update(users).set({ email: 'ada@example.com' }).where(eq(users.id, testbed.userId));
  await testbed.database.db.insert(workspaceMembers).values({ workspaceId: testbed.workspaceId, userId: testbed.userId, role: 'owner' });
  received.length = 0;
});
afterEach(() => testbed.close());

async function runOnce(definition: WorkflowDefinitionInput, input: unknown = {}) {
  const saved = await createWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, userId: testbed.userId, name: 'Actions', definition });
  expect(saved.problems).toEqual([]);
  await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId: saved.workflowId });
  const start = () => runWorkflowNow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId: saved.workflowId, userId: testbed.userId, input });
  return { workflowId: saved.workflowId, start };
}

const detail = (runId: string) => getRun(testbed.database.db, { workspaceId: testbed.workspaceId, runId });
const manual = { type: 'manual', params: {} } as const;

describe('logic and data nodes', () => {
  it('switch follows the matching case, or default', async () => {
    const { start } = await runOnce({
      trigger: manual,
      nodes: [
        { id: 'route', type: 'switch', params: { value: '{{ trigger.kind }}', cases: ['launch', 'sale'] } },
        { id: 'launch', type: 'set', params: { variables: { picked: 'launch' } } },
        { id: 'other', type: 'set', params: { variables: { picked: 'other' } } },
      ],
      edges: [
        { from: 'trigger', to: 'route' },
        { from: 'route', to: 'launch', label: 'launch' },
        { from: 'route', to: 'other', label: 'default' },
      ],
    }, { kind: 'launch' });
    const { runId } = await start();
    await testbed.drainRuns();
    expect((await detail(runId)).vars).toEqual({ picked: 'launch' });
  });

  it('pick round-robin takes items in turn and never repeats within the cooldown', async () => {
    const definition: WorkflowDefinitionInput = {
      trigger: manual,
      nodes: [{ id: 'tip', type: 'pick', params: { items: ['one', 'two', 'three'], strategy: 'round_robin', cooldownDays: 0 } }],
      edges: [{ from: 'trigger', to: 'tip' }],
    };
    const { start } = await runOnce(definition);
    const picked: unknown[] = [];
    for (let turn = 0; turn < 4; turn++) {
      const { runId } = await start();
      await testbed.drainRuns();
      picked.push((await detail(runId)).steps[0]!.output);
    }
    expect(picked.map((output) => (output as { item: string }).item)).toEqual(['one', 'two', 'three', 'one']);

    const cooled = await runOnce({
      ...definition,
      nodes: [{ id: 'tip', type: 'pick', params: { items: ['only'], strategy: 'least_recently_used', cooldownDays: 7 } }],
    });
    const first = await cooled.start();
    await testbed.drainRuns();
    const second = await cooled.start();
    await testbed.drainRuns();
    expect((await detail(first.runId)).status).toBe('succeeded');
    expect((await detail(second.runId)).error).toContain('used within the last 7 days');
  });

  it('http fetches JSON from an allowed host, and refuses private addresses that are not allowed', async () => {
    const { start } = await runOnce({
      trigger: manual,
      nodes: [
        { id: 'fetch', type: 'http', params: { url: `${receiverUrl}/feed` } },
        { id: 'first', type: 'format', params: { template: 'First: {{ nodes.fetch.body.items[0] }}' } },
      ],
      edges: [
        { from: 'trigger', to: 'fetch' },
        { from: 'fetch', to: 'first' },
      ],
    });
    const { runId } = await start();
    await testbed.drainRuns();
    expect((await detail(runId)).steps.map((step) => step.output)).toEqual([
      expect.objectContaining({ status: 200, body: { items: ['alpha', 'beta'] } }),
      { text: 'First: alpha' },
    ]);

    testbed.workflows.httpAllowedHosts = [];
    const refused = await start();
    await testbed.drainRuns();
    expect((await detail(refused.runId)).error).toContain('127.0.0.1 is a private or loopback address');
    expect(isPrivateAddress('10.2.3.4')).toBe(true);
    expect(isPrivateAddress('::ffff:192.168.1.1')).toBe(true);
    expect(isPrivateAddress('93.184.216.34')).toBe(false);
  });
});

describe('notify', () => {
  it('delivers in-app, by email to the outbox, and as Slack-compatible JSON to a webhook', async () => {
    const { start } = await runOnce({
      trigger: manual,
      nodes: [
        { id: 'inApp', type: 'notify', params: { channel: 'in_app', title: 'Hello', body: 'From {{ trigger.who }}' } },
        { id: 'mail', type: 'notify', params: { channel: 'email', title: 'Report', body: 'All good' } },
        { id: 'slack', type: 'notify', params: { channel: 'webhook', title: 'Deployed', body: 'v2', target: `${receiverUrl}/slack` } },
      ],
      edges: [
        { from: 'trigger', to: 'inApp' },
        { from: 'inApp', to: 'mail' },
        { from: 'mail', to: 'slack' },
      ],
    }, { who: 'a workflow' });
    const { runId } = await start();
    await testbed.drainRuns();
    expect((await detail(runId)).status).toBe('succeeded');
    const [email] = await testbed.database.db.select().from(outboundEmails).where(eq(outboundEmails.workspaceId, testbed.workspaceId));
    expect(email).toMatchObject({ to: ['ada@example.com'], subject: 'Report', text: 'All good' });
    expect(received).toEqual([{ url: '/slack', body: JSON.stringify({ text: '*Deployed*\nv2' }) }]);
  });
});

describe('concurrency', () => {
  it('queues runs beyond maxConcurrentRuns and starts them as slots free; skip records a skipped run', async () => {
    const waiting: WorkflowDefinitionInput = {
      trigger: manual,
      nodes: [{ id: 'pause', type: 'wait', params: { mode: 'duration', seconds: 60 } }],
      edges: [{ from: 'trigger', to: 'pause' }],
      settings: { maxConcurrentRuns: 1, overlap: 'queue' },
    };
    const queued = await runOnce(waiting);
    const first = await queued.start();
    const second = await queued.start();
    expect([first.status, second.status]).toEqual(['running', 'queued']);
    await testbed.drainRuns();
    testbed.sandbox.admin.advanceClock(61_000);
    await testbed.drainRuns({ ignoreStartAfter: true });
    expect((await detail(first.runId)).status).toBe('succeeded');
    expect((await detail(second.runId)).status).toBe('waiting');

    const skipping = await runOnce({ ...waiting, settings: { maxConcurrentRuns: 1, overlap: 'skip' } });
    await skipping.start();
    const skipped = await skipping.start();
    expect(skipped.status).toBe('skipped');
    const [row] = await testbed.database.db.select().from(workflowRuns).where(eq(workflowRuns.id, skipped.runId));
    expect(row?.error).toContain('overlap policy "skip"');
  });
});
