import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { workflowRuns, workflows, workspaceMembers } from '@tweetflow/db';
import type { WorkflowDefinitionInput } from '@tweetflow/workflows';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecretToken } from '../../auth/tokens';
import { parseEnvelope, WORKSPACE_EVENTS_CHANNEL } from '../../events/workspace-events';
import { JOB_QUEUE_SCHEMA } from '../../queue/job-queue';
import { QUEUES } from '../../queue/queues';
import { createWebhookSecret, rotateWebhookUrl } from '../manage/workflow-lifecycle';
import { createWorkflow } from '../manage/save-workflow';
import { getWorkflow } from '../manage/workflow-queries';
import { advanceRunJobs } from '../runs/advance-run-jobs';
import { getRun } from '../runs/run-queries';
import { runIdsOf, RUNS_PER_JOB, type RunJobData } from '../runs/run-jobs';
import { insertRuns, loadDefinition } from '../runs/start-run';
import { startWorkflowTestbed, type WorkflowTestbed } from '../testing';
import { activateWorkflow, deactivateWorkflow } from './activation';
import { KnownWebhooks, receiveKnownWebhooks } from './known-webhooks';
import { receiveWebhooks, WEBHOOK_SIGNATURE_HEADER, type IncomingWebhook, type WebhookOutcome } from './receive-webhook';

let testbed: WorkflowTestbed;
let accountId: string;

beforeEach(async () => {
  testbed = await startWorkflowTestbed();
  accountId = await testbed.connect('ada');
  await testbed.database.db.insert(workspaceMembers).values({ workspaceId: testbed.workspaceId, userId: testbed.userId, role: 'owner' });
});
afterEach(() => testbed.close());

const texts = () => testbed.postsOf('ada').map((post) => post.text);
const statusOf = (outcome: WebhookOutcome | undefined) => (outcome?.ok ? outcome.run.status : outcome?.error.kind);
const runIdOf = (outcome: WebhookOutcome | undefined) => (outcome?.ok ? outcome.run.runId : '');

/** An active webhook workflow that posts the call's text when it mentions a launch; answers a call builder and its id. */
async function webhookWorkflow(options: { settings?: WorkflowDefinitionInput['settings']; requireSignature?: boolean } = {}) {
  const saved = await createWorkflow(testbed.database.db, testbed.workflows, {
    workspaceId: testbed.workspaceId,
    userId: testbed.userId,
    name: 'Launches',
    definition: {
      trigger: { type: 'webhook', params: options.requireSignature ? { requireSignature: true } : {} },
      nodes: [
        { id: 'check', type: 'if', params: { condition: "{{ $contains(trigger.body.text, 'launch') }}" } },
        { id: 'post', type: 'x.post', params: { accountId, text: '{{ trigger.body.text }}' } },
      ],
      edges: [
        { from: 'trigger', to: 'check' },
        { from: 'check', to: 'post', label: 'true' },
      ],
      ...(options.settings ? { settings: options.settings } : {}),
    },
  });
  const { workflowId } = saved;
  const scope = { workspaceId: testbed.workspaceId, workflowId };
  await activateWorkflow(testbed.database.db, testbed.workflows, scope);
  const { webhook } = await getWorkflow(testbed.database.db, testbed.workflows, { ...scope, canEdit: true });
  const token = webhook!.url.split('/hooks/')[1]!;
  return {
    workflowId,
    scope,
    call: (text: string, headers: Record<string, string> = {}): IncomingWebhook => ({ token, rawBody: JSON.stringify({ text }), headers: { 'content-type': 'application/json', ...headers } }),
  };
}

/** The two-trip batch, remembering what it found. */
const meet = (known: KnownWebhooks, calls: IncomingWebhook[]) => receiveWebhooks(testbed.database.db, testbed.workflows, calls, { found: (found) => known.remember(found) });
const oneTrip = (known: KnownWebhooks, calls: IncomingWebhook[]) => receiveKnownWebhooks(testbed.database.db, testbed.workflows, known, calls);

async function runCount(workflowId: string) {
  const [{ count }] = (await testbed.database.db.select({ count: sql<number>`count(*)::int` }).from(workflowRuns).where(eq(workflowRuns.workflowId, workflowId))) as [{ count: number }];
  return count;
}

async function jobCount() {
  const [{ count }] = (await testbed.database.db.execute<{ count: number }>(sql`select count(*)::int as count from ${sql.raw(JOB_QUEUE_SCHEMA)}.job where name = ${QUEUES.workflowRun}`)) as unknown as [{ count: number }];
  return count;
}

describe('receiveKnownWebhooks', () => {
  it('leaves a batch with a call to a workflow it has not met to the two-trip way, and writes it in one trip once met', async () => {
    const { workflowId, call } = await webhookWorkflow();
    const known = new KnownWebhooks();

    expect(await oneTrip(known, [call('We launch today')])).toBeNull();
    expect(await runCount(workflowId)).toBe(0);
    await meet(known, [call('We launch today')]);
    const outcomes = await oneTrip(known, [call('We launch again'), call('Quiet')]);

    expect(outcomes?.map(statusOf)).toEqual(['running', 'running']);
    await testbed.drainRuns();
    expect(texts().sort()).toEqual(['We launch again', 'We launch today']);
    const quiet = await getRun(testbed.database.db, { workspaceId: testbed.workspaceId, runId: runIdOf(outcomes![1]) });
    expect([quiet.status, quiet.triggerType, quiet.steps.map((step) => [step.nodeId, step.branch])]).toEqual(['succeeded', 'webhook', [['check', 'false']]]);
  });

  it('decides in SQL past maxConcurrentRuns: queued runs wait without the job and start when a slot frees; skipped ones end with the reason', async () => {
    const queueing = await webhookWorkflow({ settings: { maxConcurrentRuns: 2, overlap: 'queue' } });
    const skipping = await webhookWorkflow({ settings: { maxConcurrentRuns: 1, overlap: 'skip' } });
    const known = new KnownWebhooks();
    await meet(known, [queueing.call('Quiet'), skipping.call('Quiet')]);
    await testbed.drainRuns();

    const outcomes = await oneTrip(known, [
      queueing.call('We launch one'),
      skipping.call('We launch two'),
      queueing.call('We launch three'),
      skipping.call('We launch four'),
      queueing.call('We launch five'),
    ]);

    expect(outcomes?.map(statusOf)).toEqual(['running', 'running', 'running', 'skipped', 'queued']);
    const skipped = await getRun(testbed.database.db, { workspaceId: testbed.workspaceId, runId: runIdOf(outcomes![3]) });
    expect([skipped.status, skipped.error, skipped.finishedAt]).toEqual(['skipped', 'Skipped: 1 runs were already active (overlap policy "skip").', expect.any(Date)]);
    // The shared job lists every run; the queued and the skipped ones stand down in it.
    const jobs = await testbed.boss.fetch<RunJobData>(QUEUES.workflowRun, { batchSize: 10 });
    expect(jobs.map((job) => runIdsOf(job.data))).toEqual([outcomes!.map(runIdOf)]);
    const [advanced] = await advanceRunJobs(testbed.database.db, testbed.workflows, jobs, 5);
    expect(advanced).toEqual({ status: 'fulfilled', value: ['succeeded', 'succeeded', 'succeeded', 'stood_down', 'stood_down'] });
    for (const job of jobs) await testbed.boss.complete(QUEUES.workflowRun, job.id);
    // The queued run got a job of its own when a run of its workflow ended.
    await testbed.drainRuns();
    expect(texts().sort()).toEqual(['We launch five', 'We launch one', 'We launch three', 'We launch two']);
    expect((await getRun(testbed.database.db, { workspaceId: testbed.workspaceId, runId: runIdOf(outcomes![4]) })).status).toBe('succeeded');
  });

  it('counts the runs committed while it waited for the workflow\'s lock', async () => {
    const { workflowId, call } = await webhookWorkflow({ settings: { maxConcurrentRuns: 1, overlap: 'skip' } });
    const known = new KnownWebhooks();
    await meet(known, [call('Quiet')]);
    await testbed.drainRuns();
    const { db } = testbed.database;
    const [{ versionId }] = (await db.select({ versionId: workflows.activeVersionId }).from(workflows).where(eq(workflows.id, workflowId))) as [{ versionId: string }];
    const definition = await loadDefinition(db, versionId);

    let waiting: ReturnType<typeof oneTrip> | undefined;
    // Another trigger holds the workflow and starts a run; the batch's statement runs once it has the lock.
    await db.transaction(async (tx) => {
      await tx.select({ id: workflows.id }).from(workflows).where(eq(workflows.id, workflowId)).for('update');
      waiting = oneTrip(known, [call('Second')]);
      await expect.poll(async () => (await db.execute<{ count: number }>(sql`select count(*)::int as count from pg_stat_activity where wait_event_type = 'Lock'`))[0]!.count).toBe(1);
      await insertRuns(tx, testbed.workflows, [{ input: { workflowId, workspaceId: testbed.workspaceId, versionId, triggerType: 'manual', triggerOutput: {} }, definition }]);
    });

    // Counted with the snapshot of the moment it was sent, it would have started a second run.
    expect((await waiting!)?.map(statusOf)).toEqual(['skipped']);
  });

  it('writes nothing and forgets the workflow when it was deactivated, given a new URL or a new secret since it was met', async () => {
    const changes = {
      deactivated: (scope: { workspaceId: string; workflowId: string }) => deactivateWorkflow(testbed.database.db, testbed.workflows, scope),
      'given a new URL': (scope: { workspaceId: string; workflowId: string }) => rotateWebhookUrl(testbed.database.db, testbed.workflows, scope),
      'given a new secret': (scope: { workspaceId: string; workflowId: string }) => createWebhookSecret(testbed.database.db, testbed.workflows, scope),
    };
    for (const [change, apply] of Object.entries(changes)) {
      const { workflowId, scope, call } = await webhookWorkflow();
      const known = new KnownWebhooks();
      await meet(known, [call('Quiet')]);
      const before = { runs: await runCount(workflowId), jobs: await jobCount() };

      await apply(scope);
      const outcomes = await oneTrip(known, [call('We launch today')]);

      expect({ change, outcomes }).toEqual({ change, outcomes: null });
      expect({ change, runs: await runCount(workflowId) }).toEqual({ change, runs: before.runs });
      expect({ change, jobs: await jobCount() }).toEqual({ change, jobs: before.jobs });
      // Forgotten: the next batch goes the two-trip way at once, which gives the database's answer.
      expect(known.get(hashSecretToken(call('x').token))).toBeUndefined();
    }
  });

  it('refuses a batch that calls a workflow by its old URL beside its new one', async () => {
    const { workflowId, scope, call } = await webhookWorkflow();
    const known = new KnownWebhooks();
    await meet(known, [call('Quiet')]);
    const { url } = await rotateWebhookUrl(testbed.database.db, testbed.workflows, scope);
    const atNewUrl: IncomingWebhook = { ...call('We launch at the new URL'), token: url.split('/hooks/')[1]! };
    await meet(known, [atNewUrl]);
    const runs = await runCount(workflowId);

    expect(await oneTrip(known, [atNewUrl, call('We launch at the old URL')])).toBeNull();
    expect(await runCount(workflowId)).toBe(runs);
    expect((await meet(known, [atNewUrl, call('We launch at the old URL')])).map(statusOf)).toEqual(['running', 'not_found']);
  });

  it('checks signatures on what it knows and leaves a call it would refuse to the two-trip way', async () => {
    const { scope, call } = await webhookWorkflow({ requireSignature: true });
    const { secret } = await createWebhookSecret(testbed.database.db, testbed.workflows, scope);
    const signed = (text: string) => {
      const unsigned = call(text);
      const signature = `sha256=${createHmac('sha256', secret).update(unsigned.rawBody).digest('hex')}`;
      return { ...unsigned, headers: { ...unsigned.headers, [WEBHOOK_SIGNATURE_HEADER]: signature } };
    };
    const known = new KnownWebhooks();
    await meet(known, [signed('Quiet')]);

    expect((await oneTrip(known, [signed('We launch signed')]))?.map(statusOf)).toEqual(['running']);
    expect(await oneTrip(known, [signed('We launch signed'), call('We launch unsigned')])).toBeNull();
    expect((await meet(known, [call('We launch unsigned')])).map(statusOf)).toEqual(['unauthenticated']);
  });

  it('announces each run with its status to live views, with the commit', async () => {
    const { call } = await webhookWorkflow({ settings: { maxConcurrentRuns: 1, overlap: 'queue' } });
    const known = new KnownWebhooks();
    await meet(known, [call('Quiet')]);
    await testbed.drainRuns();
    const heard: string[] = [];
    const listener = postgres(testbed.database.url, { max: 1, onnotice: () => {} });
    try {
      await listener.listen(WORKSPACE_EVENTS_CHANNEL, (payload) => {
        const envelope = parseEnvelope(payload);
        if (envelope?.workspaceId === testbed.workspaceId && envelope.event.type === 'run.changed') heard.push(`${envelope.event.runId} ${envelope.event.status} ${envelope.event.workflowId}`);
      });

      const outcomes = (await oneTrip(known, [call('First'), call('Second')]))!;

      const [{ workflowId }] = (await testbed.database.db.select({ workflowId: workflowRuns.workflowId }).from(workflowRuns).where(eq(workflowRuns.id, runIdOf(outcomes[0])))) as [{ workflowId: string }];
      const expected = outcomes.map((outcome) => `${runIdOf(outcome)} ${statusOf(outcome)} ${workflowId}`);
      await expect.poll(() => heard.length).toBe(2);
      expect(heard.sort()).toEqual(expected.sort());
      expect(outcomes.map(statusOf)).toEqual(['running', 'queued']);
    } finally {
      await listener.end({ timeout: 5 });
    }
  });

  it('shares jobs of at most RUNS_PER_JOB runs', async () => {
    const { call } = await webhookWorkflow({ settings: { overlap: 'allow' } });
    const known = new KnownWebhooks();
    await meet(known, [call('Quiet')]);
    await testbed.drainRuns();

    const outcomes = (await oneTrip(known, Array.from({ length: RUNS_PER_JOB + 2 }, (_, index) => call(`Call ${index}`))))!;

    const runIds = outcomes.map(runIdOf);
    const jobs = (await testbed.boss.fetch<RunJobData>(QUEUES.workflowRun, { batchSize: 10 })).sort((a, b) => runIdsOf(b.data).length - runIdsOf(a.data).length);
    expect(jobs.map((job) => runIdsOf(job.data))).toEqual([runIds.slice(0, RUNS_PER_JOB), runIds.slice(RUNS_PER_JOB)]);
    expect(outcomes.every((outcome) => statusOf(outcome) === 'running')).toBe(true);
  });
});
