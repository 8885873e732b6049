import { eq, sql } from 'drizzle-orm';
import { workflowRuns, workspaceMembers, type Transaction } from '@tweetflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow } from '../manage/save-workflow';
import { activateWorkflow } from '../triggers/activation';
import { startWorkflowTestbed, type WorkflowTestbed } from '../testing';
import { claimRuns } from './claim-run';
import { runWorkflowNow } from './run-control';
import { finishEndedRuns } from './run-transitions';

let testbed: WorkflowTestbed;
beforeAll(async () => {
  testbed = await startWorkflowTestbed();
  await testbed.database.db.insert(workspaceMembers).values({ workspaceId: testbed.workspaceId, userId: testbed.userId, role: 'owner' });
});
afterAll(() => testbed.close());

/** Whole-table reads of workflow_runs by what `work` does in the transaction. */
async function workflowRunScans<T>(work: (tx: Transaction) => Promise<T>): Promise<{ scans: number; result: T }> {
  return testbed.database.db.transaction(async (tx) => {
    // The view also holds this connection's counts not yet reported; the difference is the work's.
    const scans = async () => {
      const [row] = await tx.execute<{ scans: number }>(sql`select coalesce(sum(seq_scan), 0)::int as scans from pg_stat_xact_user_tables where relname = 'workflow_runs'`);
      return row!.scans;
    };
    const before = await scans();
    const result = await work(tx);
    return { scans: (await scans()) - before, result };
  });
}

describe('a run job among many runs', () => {
  it('is claimed and ended through the runs’ keys, never by reading every run', async () => {
    const { workflowId } = await createWorkflow(testbed.database.db, testbed.workflows, {
      workspaceId: testbed.workspaceId,
      userId: testbed.userId,
      name: 'Many runs',
      definition: { trigger: { type: 'manual', params: {} }, nodes: [{ id: 'note', type: 'set', params: { variables: { seen: 'yes' } } }], edges: [{ from: 'trigger', to: 'note' }] },
    });
    await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
    const { runId } = await runWorkflowNow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId, userId: testbed.userId, input: {}, dryRun: false });
    // The history a workflow that has run for a while has.
    await testbed.database.db.execute(sql`
      insert into workflow_runs (workflow_id, workspace_id, version_id, status, trigger_type, trigger_output, finished_at)
      select workflow_id, workspace_id, version_id, 'succeeded', trigger_type, trigger_output, now() from workflow_runs, generate_series(1, 2000)
      where id = ${runId}::uuid`);
    await testbed.database.db.execute(sql`analyze workflow_runs`);
    const [{ jobId }] = (await testbed.database.db.select({ jobId: workflowRuns.jobId }).from(workflowRuns).where(eq(workflowRuns.id, runId))) as [{ jobId: string }];

    const claim = await workflowRunScans((tx) => claimRuns(tx, [{ id: jobId, runId }], new Date()));
    expect(claim.scans).toBe(0);
    const run = claim.result.get(runId)!;
    expect(run.jobId).toBe(jobId);

    const end = await workflowRunScans((tx) => finishEndedRuns(tx, testbed.workflows, [{ run, jobId, progress: { settled: [], cursor: [], vars: { seen: true } } }]));
    expect(end.scans).toBe(0);
    expect([...end.result]).toEqual([runId]);
  });
});
