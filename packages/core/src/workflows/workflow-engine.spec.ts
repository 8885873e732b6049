import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { posts, workflowRuns, workflows, workspaceMembers } from '@tweetflow/db';
import type { WorkflowDefinitionInput } from '@tweetflow/workflows';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEnvelope, WORKSPACE_EVENTS_CHANNEL } from '../events/workspace-events';
import { createWorkflow, saveWorkflowVersion } from './manage/save-workflow';
import { exportWorkflowFile, importWorkflowFile } from './manage/workflow-lifecycle';
import { getWorkflow } from './manage/workflow-queries';
import { QUEUES } from '../queue/queues';
import { advanceRuns } from './runs/advance-run';
import { advanceRunJobs } from './runs/advance-run-jobs';
import { continueRun, runWorkflowNow } from './runs/run-control';
import { runIdsOf, RUNS_PER_JOB, type RunJobData } from './runs/run-jobs';
import { insertRuns, loadDefinition, startNextQueuedRuns } from './runs/start-run';
import { getRun } from './runs/run-queries';
import { activateWorkflow, deactivateWorkflow } from './triggers/activation';
import type { DomainError } from '../errors';
import { receiveWebhook, receiveWebhooks } from './triggers/receive-webhook';
import { WebhookInbox } from './triggers/webhook-inbox';
import { startWorkflowTestbed, type WorkflowTestbed } from './testing';

let testbed: WorkflowTestbed;
let accountId: string;

beforeEach(async () => {
  testbed = await startWorkflowTestbed();
  accountId = await testbed.connect('ada');
  await testbed.database.db.insert(workspaceMembers).values({ workspaceId: testbed.workspaceId, userId: testbed.userId, role: 'owner' });
});
afterEach(() => testbed.close());

async function create(definition: WorkflowDefinitionInput, name = 'Test workflow') {
  const saved = await createWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, userId: testbed.userId, name, definition });
  expect(saved.problems).toEqual([]);
  return saved.workflowId;
}

async function runNow(workflowId: string, input: unknown, options: { dryRun?: boolean; breakpoints?: string[] } = {}) {
  const { runId } = await runWorkflowNow(testbed.database.db, testbed.workflows, {
    workspaceId: testbed.workspaceId,
    workflowId,
    userId: testbed.userId,
    input,
    dryRun: options.dryRun ?? false,
    ...(options.breakpoints ? { breakpoints: options.breakpoints } : {}),
  });
  return runId;
}

const run = (runId: string) => getRun(testbed.database.db, { workspaceId: testbed.workspaceId, runId });
const texts = () => testbed.postsOf('ada').map((post) => post.text);

function launchFlow(trigger: WorkflowDefinitionInput['trigger']): WorkflowDefinitionInput {
  return {
    trigger,
    nodes: [
      { id: 'check', type: 'if', params: { condition: "{{ $contains(trigger.body.text, 'launch') }}" } },
      { id: 'post', type: 'x.post', params: { accountId, text: '{{ trigger.body.text }}' } },
    ],
    edges: [
      { from: 'trigger', to: 'check' },
      { from: 'check', to: 'post', label: 'true' },
    ],
  };
}

describe('triggers', () => {
  it('webhook: a call starts a run that takes the if branch its JSONata condition chooses', async () => {
    const workflowId = await create(launchFlow({ type: 'webhook', params: {} }));
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const { webhook } = await getWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId, canEdit: true });
    const token = webhook!.url.split('/hooks/')[1]!;
    const call = (text: string) =>
      receiveWebhook(testbed.database.db, testbed.workflows, { token, rawBody: JSON.stringify({ text }), headers: { 'content-type': 'application/json' } });

    const launched = await call('We launch today');
    const quiet = await call('Nothing to see');
    await testbed.drainRuns();

    expect(texts()).toEqual(['We launch today']);
    expect((await run(launched.runId)).steps.map((step) => [step.nodeId, step.branch])).toEqual([['check', 'true'], ['post', 'next']]);
    const skipped = await run(quiet.runId);
    expect(skipped.status).toBe('succeeded');
    expect(skipped.steps.map((step) => [step.nodeId, step.branch])).toEqual([['check', 'false']]);
  });

  it('webhook: calls that arrive together each get their own answer, count each other against maxConcurrentRuns, and a deactivated workflow refuses the next', async () => {
    const workflowId = await create({ ...launchFlow({ type: 'webhook', params: {} }), settings: { maxConcurrentRuns: 2, overlap: 'queue' } });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const { webhook } = await getWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId, canEdit: true });
    const token = webhook!.url.split('/hooks/')[1]!;
    const inbox = new WebhookInbox(testbed.database.db, testbed.workflows);
    const call = (text: string, to = token) => inbox.receive({ token: to, rawBody: JSON.stringify({ text }), headers: { 'content-type': 'application/json' } });

    const answers = await Promise.allSettled([call('We launch today'), call('Quiet'), call('Lost', 'no-such-token'), call('Third')]);

    expect(answers.map((answer) => (answer.status === 'fulfilled' ? answer.value.status : (answer.reason as DomainError).kind))).toEqual(['running', 'running', 'not_found', 'queued']);
    // The worker's way: the two running runs' jobs advanced as one batch; the quiet one ends at its if.
    const jobs = await testbed.boss.fetch<RunJobData>(QUEUES.workflowRun, { batchSize: 10 });
    const results = await advanceRunJobs(testbed.database.db, testbed.workflows, jobs, 5);
    expect(results).toEqual([{ status: 'fulfilled', value: ['succeeded'] }, { status: 'fulfilled', value: ['succeeded'] }]);
    for (const job of jobs) await testbed.boss.complete(QUEUES.workflowRun, job.id);
    const [launched, quiet, , third] = answers.map((answer) => (answer.status === 'fulfilled' ? answer.value.runId : ''));
    expect((await run(launched!)).steps.map((step) => [step.nodeId, step.status, step.branch])).toEqual([['check', 'succeeded', 'true'], ['post', 'succeeded', 'next']]);
    expect((await run(quiet!)).steps.map((step) => [step.nodeId, step.status, step.branch])).toEqual([['check', 'succeeded', 'false']]);
    // Their ends freed a slot: the queued run got its job.
    await testbed.drainRuns();
    expect(texts()).toEqual(['We launch today']);
    expect((await run(third!)).status).toBe('succeeded');

    await deactivateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    await expect(call('After')).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('webhook: live views hear of each run with its commit, and nothing of runs rolled back', async () => {
    const workflowId = await create(launchFlow({ type: 'webhook', params: {} }));
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const { webhook } = await getWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId, canEdit: true });
    const token = webhook!.url.split('/hooks/')[1]!;
    const call = (text: string) => ({ token, rawBody: JSON.stringify({ text }), headers: { 'content-type': 'application/json' } });
    const heard: string[] = [];
    const listener = postgres(testbed.database.url, { max: 1, onnotice: () => {} });
    try {
      await listener.listen(WORKSPACE_EVENTS_CHANNEL, (payload) => {
        const envelope = parseEnvelope(payload);
        if (envelope?.workspaceId === testbed.workspaceId && envelope.event.type === 'run.changed') heard.push(`${envelope.event.runId} ${envelope.event.status}`);
      });
      const [{ versionId }] = (await testbed.database.db.select({ versionId: workflows.activeVersionId }).from(workflows).where(eq(workflows.id, workflowId))) as [{ versionId: string }];
      const planned = { input: { workflowId, workspaceId: testbed.workspaceId, versionId, triggerType: 'webhook', triggerOutput: {} }, definition: await loadDefinition(testbed.database.db, versionId) };
      const rolledBack: string[] = [];
      await expect(
        testbed.database.db.transaction(async (tx) => {
          rolledBack.push(...(await insertRuns(tx, testbed.workflows, [planned])).map((started) => started.runId));
          throw new Error('the batch failed after its inserts');
        }),
      ).rejects.toThrow('the batch failed after its inserts');
      expect(rolledBack).toHaveLength(1);

      const outcomes = await receiveWebhooks(testbed.database.db, testbed.workflows, [call('First'), call('Second')]);
      const started = outcomes.map((outcome) => (outcome.ok ? `${outcome.run.runId} running` : 'refused'));
      // Notifications arrive in commit order: once the committed batch's are heard, a rolled-back one would have been too.
      for (let waited = 0; !started.every((runId) => heard.includes(runId)) && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard).toEqual(started);
    } finally {
      await listener.end({ timeout: 5 });
    }
  });

  it('webhook: a batch kept waiting for its workflow counts the runs committed while it waited', async () => {
    const workflowId = await create({ ...launchFlow({ type: 'webhook', params: {} }), settings: { maxConcurrentRuns: 1, overlap: 'skip' } });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const { webhook } = await getWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId, canEdit: true });
    const token = webhook!.url.split('/hooks/')[1]!;
    const [{ activeVersionId }] = await testbed.database.db.select({ activeVersionId: workflows.activeVersionId }).from(workflows).where(eq(workflows.id, workflowId)) as [{ activeVersionId: string }];
    const definition = await loadDefinition(testbed.database.db, activeVersionId);
    const { db } = testbed.database;

    let waiting: Promise<Awaited<ReturnType<typeof receiveWebhooks>>> | undefined;
    // Another trigger holds the workflow and starts a run; the batch reads while it waits for the lock.
    await db.transaction(async (tx) => {
      await tx.select({ id: workflows.id }).from(workflows).where(eq(workflows.id, workflowId)).for('update');
      waiting = receiveWebhooks(db, testbed.workflows, [{ token, rawBody: JSON.stringify({ text: 'Second' }), headers: { 'content-type': 'application/json' } }]);
      await expect.poll(async () => (await db.execute<{ count: number }>(sql`select count(*)::int as count from pg_stat_activity where wait_event_type = 'Lock'`))[0]!.count).toBe(1);
      const input = { workflowId, workspaceId: testbed.workspaceId, versionId: activeVersionId, triggerType: 'manual', triggerOutput: {} };
      await insertRuns(tx, testbed.workflows, [{ input, definition }]);
    });
    const [outcome] = await waiting!;

    // Counted from before the wait, it would have started a second run.
    expect(outcome).toMatchObject({ ok: true, run: { status: 'skipped' } });
  });

  it('ended runs start as many queued runs of each workflow as slots they freed, the oldest first, sharing jobs', async () => {
    const queueing = { ...launchFlow({ type: 'manual', params: {} }), settings: { maxConcurrentRuns: 1, overlap: 'queue' as const } };
    const first = await create(queueing, 'First');
    const second = await create(queueing, 'Second');
    const started: Record<string, string[]> = {};
    for (const [workflowId, runs] of [[first, 4], [second, 2]] as const) {
      await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
      started[workflowId] = [];
      for (let index = 0; index < runs; index++) started[workflowId].push(await runNow(workflowId, { body: { text: `Quiet ${index}` } }));
    }
    // Oldest first: queued in the order they were started, a minute apart.
    for (const runIds of Object.values(started)) {
      for (const [index, runId] of runIds.entries()) {
        await testbed.database.db.update(workflowRuns).set({ createdAt: new Date(Date.UTC(2026, 0, 1, 9, index)) }).where(eq(workflowRuns.id, runId));
      }
    }
    const statuses = async () => Object.fromEntries(await Promise.all(Object.values(started).flat().map(async (runId) => [runId, (await run(runId)).status])));
    expect(Object.values(await statuses())).toEqual(['running', 'queued', 'queued', 'queued', 'running', 'queued']);
    const before = (await testbed.boss.fetch<RunJobData>(QUEUES.workflowRun, { batchSize: 10 })).map((job) => job.id);

    // Two runs of the first workflow ended and one of the second.
    await testbed.database.db.transaction((tx) => startNextQueuedRuns(tx, testbed.workflows, [first, second, first]));

    const [a0, a1, a2, a3] = started[first]!;
    const [b0, b1] = started[second]!;
    expect(await statuses()).toEqual({ [a0!]: 'running', [a1!]: 'running', [a2!]: 'running', [a3!]: 'queued', [b0!]: 'running', [b1!]: 'running' });
    const jobs = await testbed.boss.fetch<RunJobData>(QUEUES.workflowRun, { batchSize: 10 });
    expect(jobs.map((job) => runIdsOf(job.data).sort())).toEqual([[a1!, a2!, b1!].sort()]);
    const [{ jobId }] = (await testbed.database.db.select({ jobId: workflowRuns.jobId }).from(workflowRuns).where(eq(workflowRuns.id, b1!))) as [{ jobId: string }];
    expect([jobId, before.includes(jobId)]).toEqual([jobs[0]!.id, false]);
  });

  it('webhook: a batch of calls shares jobs of at most RUNS_PER_JOB runs; a job retried after its runs ended stands down', async () => {
    const workflowId = await create({ ...launchFlow({ type: 'webhook', params: {} }), settings: { overlap: 'allow' } });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const { webhook } = await getWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId, canEdit: true });
    const token = webhook!.url.split('/hooks/')[1]!;
    const calls = Array.from({ length: RUNS_PER_JOB + 2 }, (_, index) => ({
      token,
      rawBody: JSON.stringify({ text: index < 2 ? `Call ${index}: we launch today` : `Call ${index}: quiet` }),
      headers: { 'content-type': 'application/json' },
    }));

    const outcomes = await receiveWebhooks(testbed.database.db, testbed.workflows, calls);
    const runIds = outcomes.map((outcome) => (outcome.ok ? outcome.run.runId : ''));

    // Written in one statement, the jobs share their creation time, so they come in any order.
    const jobs = (await testbed.boss.fetch<RunJobData>(QUEUES.workflowRun, { batchSize: 10 })).sort((a, b) => runIdsOf(b.data).length - runIdsOf(a.data).length);
    expect(jobs.map((job) => runIdsOf(job.data))).toEqual([runIds.slice(0, RUNS_PER_JOB), runIds.slice(RUNS_PER_JOB)]);
    const results = await advanceRunJobs(testbed.database.db, testbed.workflows, jobs, 5);
    expect(results).toEqual([
      { status: 'fulfilled', value: Array(RUNS_PER_JOB).fill('succeeded') },
      { status: 'fulfilled', value: ['succeeded', 'succeeded'] },
    ]);
    // The two launch posts go to X side by side, in either order.
    expect(texts().sort()).toEqual(['Call 0: we launch today', 'Call 1: we launch today']);

    // As if the worker died before completing the first job, and pg-boss handed it out again.
    const [again] = await advanceRunJobs(testbed.database.db, testbed.workflows, [{ ...jobs[0]!, retryCount: 1 }], 5);
    expect(again).toEqual({ status: 'fulfilled', value: Array(RUNS_PER_JOB).fill('stood_down') });
    expect(texts()).toHaveLength(2);
  });

  it('a run fetched twice in one batch, by its job and by an older one, is advanced once, by its job', async () => {
    const workflowId = await create(launchFlow({ type: 'manual', params: {} }));
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const runId = await runNow(workflowId, { body: { text: 'We launch once' } });
    const [{ jobId }] = (await testbed.database.db.select({ jobId: workflowRuns.jobId }).from(workflowRuns).where(eq(workflowRuns.id, runId))) as [{ jobId: string }];

    const results = await advanceRuns(testbed.database.db, testbed.workflows, [
      { id: randomUUID(), runId, retryCount: 0, retryLimit: 5 },
      { id: jobId, runId, retryCount: 0, retryLimit: 5 },
    ]);

    expect(results).toEqual([{ status: 'fulfilled', value: 'stood_down' }, { status: 'fulfilled', value: 'succeeded' }]);
    expect(texts()).toEqual(['We launch once']);
  });

  it('a job written before runs shared jobs (one `runId`) still advances its run', async () => {
    const workflowId = await create(launchFlow({ type: 'manual', params: {} }));
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const runId = await runNow(workflowId, { body: { text: 'We launch from an old job' } });
    const [{ jobId }] = (await testbed.database.db.select({ jobId: workflowRuns.jobId }).from(workflowRuns).where(eq(workflowRuns.id, runId))) as [{ jobId: string }];

    const [result] = await advanceRunJobs(testbed.database.db, testbed.workflows, [{ id: jobId, data: { runId }, retryCount: 0 }], 5);

    expect(result).toEqual({ status: 'fulfilled', value: ['succeeded'] });
    expect(texts()).toEqual(['We launch from an old job']);
  });

  it('schedule: activation registers the next firing; a firing runs the workflow and registers the one after', async () => {
    const workflowId = await create({
      trigger: { type: 'schedule', params: { mode: 'cron', cron: '0 9 * * *', timezone: 'Europe/Berlin' } },
      nodes: [{ id: 'post', type: 'x.post', params: { accountId, text: 'Good morning at {{ trigger.firedAt }}' } }],
      edges: [{ from: 'trigger', to: 'post' }],
    });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    expect(await testbed.fireTriggers()).toEqual([]);

    expect(await testbed.fireTriggers({ ignoreStartAfter: true })).toEqual([{ outcome: 'fired', runs: 1 }]);
    await testbed.drainRuns();
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toMatch(/^Good morning at \d{4}-/);

    await deactivateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    expect(await testbed.fireTriggers({ ignoreStartAfter: true })).toEqual([{ outcome: 'stood_down', runs: 0 }]);
  });

  it('x.mention: polls within the rate budget and starts a run per new mention with the keyword', async () => {
    testbed.sandbox.admin.createUser({ username: 'fan' });
    const workflowId = await create({
      trigger: { type: 'x.mention', params: { accountId, keyword: 'help', pollSeconds: 60 } },
      nodes: [{ id: 'answer', type: 'x.reply', params: { accountId, text: 'Happy to help, @{{ trigger.post.authorUsername }}!', inReplyTo: '{{ trigger.post.id }}' } }],
      edges: [{ from: 'trigger', to: 'answer' }],
    });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    testbed.sandbox.admin.post('fan', { text: '@ada old mention, help' });
    expect(await testbed.fireTriggers()).toEqual([{ outcome: 'polled', runs: 0 }]);

    const question = testbed.sandbox.admin.post('fan', { text: '@ada help me please' });
    testbed.sandbox.admin.post('fan', { text: '@ada just saying hi' });
    expect(await testbed.fireTriggers({ ignoreStartAfter: true })).toEqual([{ outcome: 'polled', runs: 1 }]);
    await testbed.drainRuns();

    const [reply] = testbed.postsOf('ada');
    expect(reply).toMatchObject({ text: 'Happy to help, @fan!', inReplyToPostId: question.id });
  });

  it('x.search: starts a run for each new post matching the query', async () => {
    testbed.sandbox.admin.createUser({ username: 'stranger' });
    const workflowId = await create({
      trigger: { type: 'x.search', params: { accountId, query: 'tweetflow', pollSeconds: 60 } },
      nodes: [{ id: 'like', type: 'x.like', params: { accountId, postId: '{{ trigger.post.id }}' } }],
      edges: [{ from: 'trigger', to: 'like' }],
    });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    await testbed.fireTriggers();
    testbed.sandbox.admin.post('stranger', { text: 'trying tweetflow today' });
    expect(await testbed.fireTriggers({ ignoreStartAfter: true })).toEqual([{ outcome: 'polled', runs: 1 }]);
    expect(await testbed.drainRuns()).toEqual(['succeeded']);
    expect(testbed.sandbox.admin.stats().requestsByEndpoint['POST /2/users/:id/likes']).toBe(1);
  });
});

describe('actions', () => {
  it('post, reply, quote, thread, like, repost and delete each reach the sandbox, with variables passed between nodes', async () => {
    testbed.sandbox.admin.createUser({ username: 'friend' });
    const original = testbed.sandbox.admin.post('friend', { text: 'A post worth sharing' });
    const workflowId = await create({
      trigger: { type: 'manual', params: {} },
      nodes: [
        { id: 'vars', type: 'set', params: { variables: { topic: '{{ trigger.topic }}', count: '{{ 3 }}' } } },
        { id: 'text', type: 'format', params: { template: 'Today: {{ vars.topic }} ({{ vars.count }} parts)', truncateForX: true } },
        { id: 'post', type: 'x.post', params: { accountId, text: '{{ nodes.text.text }}' } },
        { id: 'reply', type: 'x.reply', params: { accountId, text: 'More below', inReplyTo: '{{ nodes.post.postId }}' } },
        { id: 'quote', type: 'x.quote', params: { accountId, text: 'Worth a read', quotePostId: original.id } },
        { id: 'thread', type: 'x.thread', params: { accountId, items: ['Part one', 'Part two'] } },
        { id: 'like', type: 'x.like', params: { accountId, postId: original.id } },
        { id: 'repost', type: 'x.repost', params: { accountId, postId: original.id } },
        { id: 'remove', type: 'x.delete', params: { accountId, postId: '{{ nodes.reply.postId }}' } },
      ],
      edges: [
        { from: 'trigger', to: 'vars' },
        { from: 'vars', to: 'text' },
        { from: 'text', to: 'post' },
        { from: 'post', to: 'reply' },
        { from: 'reply', to: 'quote' },
        { from: 'quote', to: 'thread' },
        { from: 'thread', to: 'like' },
        { from: 'like', to: 'repost' },
        { from: 'repost', to: 'remove' },
      ],
    });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const runId = await runNow(workflowId, { topic: 'workflows' });
    expect(await testbed.drainRuns()).toEqual(['succeeded']);

    const posted = testbed.postsOf('ada');
    expect(posted.map((post) => post.text)).toEqual(['Today: workflows (3 parts)', 'Worth a read', 'Part one', 'Part two']);
    expect(posted[1]!.quotedPostId).toBe(original.id);
    expect(posted[3]!.inReplyToPostId).toBe(posted[2]!.id);
    const stats = testbed.sandbox.admin.stats().requestsByEndpoint;
    expect(stats['POST /2/users/:id/likes']).toBe(1);
    expect(stats['POST /2/users/:id/retweets']).toBe(1);
    expect(stats['DELETE /2/tweets/:id']).toBe(1);
    const detail = await run(runId);
    expect(detail.vars).toEqual({ topic: 'workflows', count: 3 });
    expect(detail.steps.find((step) => step.nodeId === 'remove')?.output).toMatchObject({ deleted: true });
  });

  it('fails a step with the node, the expression and the message when an expression breaks', async () => {
    const workflowId = await create({
      trigger: { type: 'manual', params: {} },
      nodes: [{ id: 'post', type: 'x.post', params: { accountId, text: 'Total: {{ $number(trigger.amount) }}' } }],
      edges: [{ from: 'trigger', to: 'post' }],
    });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const runId = await runNow(workflowId, { amount: 'lots' });
    expect(await testbed.drainRuns()).toEqual(['failed']);

    const detail = await run(runId);
    expect(detail.error).toContain('post');
    expect(detail.error).toContain('$number(trigger.amount)');
    expect(detail.steps[0]!.status).toBe('failed');
    expect(texts()).toEqual([]);
  });
});

describe('dry runs and debugging', () => {
  it('a dry run reports each step\'s would-be output and leaves the sandbox untouched', async () => {
    const workflowId = await create(launchFlow({ type: 'webhook', params: {} }));
    const before = testbed.sandbox.admin.stats().requestsByEndpoint;
    const runId = await runNow(workflowId, { body: { text: 'launch party' } }, { dryRun: true });
    expect(await testbed.drainRuns()).toEqual(['succeeded']);

    const detail = await run(runId);
    expect(detail.steps.find((step) => step.nodeId === 'post')?.output).toMatchObject({ dryRun: true, text: 'launch party' });
    expect(testbed.sandbox.admin.stats().requestsByEndpoint).toEqual(before);
    expect(texts()).toEqual([]);
  });

  it('stops at a breakpoint with the node\'s input available, and continues on command', async () => {
    const workflowId = await create(launchFlow({ type: 'webhook', params: {} }));
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const runId = await runNow(workflowId, { body: { text: 'launch now' } }, { breakpoints: ['post'] });
    expect(await testbed.drainRuns()).toEqual(['paused']);
    const paused = await run(runId);
    expect(paused).toMatchObject({ status: 'paused', pausedAt: 'post' });
    expect(texts()).toEqual([]);

    await continueRun(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, runId });
    expect(await testbed.drainRuns()).toEqual(['succeeded']);
    expect(texts()).toEqual(['launch now']);
  });
});

describe('waits and retries', () => {
  it('a wait suspends the run as a job due later, and the run continues from there', async () => {
    const workflowId = await create({
      trigger: { type: 'manual', params: {} },
      nodes: [
        { id: 'pause', type: 'wait', params: { mode: 'duration', seconds: 120 } },
        { id: 'post', type: 'x.post', params: { accountId, text: 'Two minutes later' } },
      ],
      edges: [
        { from: 'trigger', to: 'pause' },
        { from: 'pause', to: 'post' },
      ],
    });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const runId = await runNow(workflowId, {});
    expect(await testbed.drainRuns()).toEqual(['waiting']);
    const [row] = await testbed.database.db.select().from(workflowRuns).where(eq(workflowRuns.id, runId));
    const job = await testbed.boss.getJobById('workflows.run', row!.jobId!);
    expect(job!.startAfter.getTime() - Date.now()).toBeGreaterThan(100_000);

    expect(texts()).toEqual([]);

    testbed.sandbox.admin.advanceClock(121_000);
    expect(await testbed.drainRuns({ ignoreStartAfter: true })).toEqual(['succeeded']);
    expect(texts()).toEqual(['Two minutes later']);
  });

  it('retries a node that fails for a moment, and takes its error branch when it keeps failing', async () => {
    const workflowId = await create({
      trigger: { type: 'manual', params: {} },
      nodes: [
        { id: 'post', type: 'x.post', params: { accountId, text: 'Persistent' }, retry: { maxAttempts: 2, backoffSeconds: 1 } },
        { id: 'alert', type: 'notify', params: { channel: 'in_app', title: 'Could not post', body: '{{ nodes.post.error }}' } },
      ],
      edges: [
        { from: 'trigger', to: 'post' },
        { from: 'post', to: 'alert', label: 'error' },
      ],
    });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    testbed.sandbox.admin.injectFault({ kind: 'error', status: 503, count: 5, method: 'POST', path: '/2/tweets' });
    const runId = await runNow(workflowId, {});
    expect(await testbed.drainRuns({ ignoreStartAfter: true })).toEqual(['retrying', 'succeeded']);

    const detail = await run(runId);
    expect(detail.steps.map((step) => [step.nodeId, step.status, step.attempts])).toEqual([
      ['post', 'failed', 2],
      ['alert', 'succeeded', 1],
    ]);
    expect(detail.steps[0]!.error).toMatch(/^X kept failing after 2 tries: X had a temporary problem \(HTTP 503\)/);
  });
});

describe('resuming a post step', () => {
  it('finds the post an earlier attempt created (it has the step\'s id) and publishes it once; creates it when the attempt stopped before', async () => {
    const workflowId = await create({
      trigger: { type: 'manual', params: {} },
      nodes: [{ id: 'post', type: 'x.post', params: { accountId, text: '{{ trigger.text }}' }, retry: { maxAttempts: 3, backoffSeconds: 1 } }],
      edges: [{ from: 'trigger', to: 'post' }],
    });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const stepOf = async (runId: string) => (await run(runId)).steps.find((step) => step.nodeId === 'post')!;

    // The first attempt writes its post, then X fails for a moment: the retry resumes the step.
    testbed.sandbox.admin.injectFault({ kind: 'error', status: 503, count: 1, method: 'POST', path: '/2/tweets' });
    const kept = await runNow(workflowId, { text: 'Kept post' });
    expect(await testbed.drainRuns()).toEqual(['retrying']);
    const keptStep = await stepOf(kept);
    const [written] = await testbed.database.db.select({ id: posts.id, publishJobId: posts.publishJobId }).from(posts).where(eq(posts.source, 'workflow'));
    expect(written).toEqual({ id: keptStep.id, publishJobId: keptStep.id });
    expect(await testbed.drainRuns({ ignoreStartAfter: true })).toEqual(['succeeded']);
    expect(texts()).toEqual(['Kept post']);
    expect((await stepOf(kept)).output).toMatchObject({ postId: testbed.postsOf('ada')[0]!.id, tweetflowPostId: keptStep.id });

    // As if the first attempt had stopped before writing its post: the retry writes it.
    testbed.sandbox.admin.injectFault({ kind: 'error', status: 503, count: 1, method: 'POST', path: '/2/tweets' });
    const lost = await runNow(workflowId, { text: 'Written again' });
    expect(await testbed.drainRuns()).toEqual(['retrying']);
    const lostStep = await stepOf(lost);
    await testbed.database.db.delete(posts).where(eq(posts.id, lostStep.id));
    expect(await testbed.drainRuns({ ignoreStartAfter: true })).toEqual(['succeeded']);
    expect(texts()).toEqual(['Kept post', 'Written again']);
    const workflowPosts = await testbed.database.db.select({ id: posts.id, status: posts.status }).from(posts).where(eq(posts.source, 'workflow'));
    expect(workflowPosts.map((post) => post.status)).toEqual(['published', 'published']);
  });
});

describe('versions and files', () => {
  it('runs record the version they ran; importing an exported workflow reproduces it', async () => {
    const workflowId = await create(launchFlow({ type: 'webhook', params: {} }));
    const second = await saveWorkflowVersion(testbed.database.db, testbed.workflows, {
      workspaceId: testbed.workspaceId,
      workflowId,
      userId: testbed.userId,
      definition: launchFlow({ type: 'webhook', params: { requireSignature: true } }),
      note: 'require signatures',
    });
    expect(second.version).toBe(2);

    const file = await exportWorkflowFile(testbed.database.db, { workspaceId: testbed.workspaceId, workflowId });
    const imported = await importWorkflowFile(testbed.database.db, testbed.workflows, {
      workspaceId: testbed.workspaceId,
      userId: testbed.userId,
      file: JSON.parse(JSON.stringify(file)),
    });
    expect(imported.ok ? [] : imported.problems).toEqual([]);
    const copy = await getWorkflow(testbed.database.db, testbed.workflows, {
      workspaceId: testbed.workspaceId,
      workflowId: imported.ok ? imported.saved.workflowId : '',
      canEdit: false,
    });
    const original = await getWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId, canEdit: false });
    expect(copy.latestVersion?.definition).toEqual(original.latestVersion?.definition);
    expect(copy.name).toBe('Test workflow');
  });
});
