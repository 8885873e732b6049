import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as schema from '@tweetflow/db/schema';
import { createWorkflow } from '../manage/save-workflow';
import { startWorkflowTestbed, type WorkflowTestbed } from '../testing';
import { activateWorkflow } from '../triggers/activation';
import { claimRuns } from './claim-run';
import { runWorkflowNow } from './run-control';
import { finishEndedRuns } from './run-transitions';

let testbed: WorkflowTestbed;
beforeAll(async () => {
  testbed = await startWorkflowTestbed();
});
afterAll(() => testbed.close());

/**
 * A burst as PostgreSQL sees it: its statistics come from an analyse that saw only finished
 * runs, then thousands of runs became active at once. Each batch statement is captured as
 * sent and explained with its parameters.
 */
it('claims and ends a batch of runs by primary key while the statistics say no run is active', { timeout: 60_000 }, async () => {
  const { db, sql } = testbed.database;
  const { workflowId } = await createWorkflow(db, testbed.workflows, {
    workspaceId: testbed.workspaceId,
    userId: testbed.userId,
    name: 'Burst',
    definition: { trigger: { type: 'manual', params: {} }, nodes: [{ id: 'note', type: 'set', params: { variables: { done: 'yes' } } }], edges: [{ from: 'trigger', to: 'note' }] },
  });
  await activateWorkflow(db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
  const { runId } = await runWorkflowNow(db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId, userId: testbed.userId, input: {}, dryRun: false });
  const copies = (count: number, status: string) =>
    sql.unsafe(
      `insert into workflow_runs (workflow_id, workspace_id, version_id, trigger_type, status, job_id)
       select workflow_id, workspace_id, version_id, trigger_type, $2::workflow_run_status, case when $2 = 'running' then gen_random_uuid() end
       from workflow_runs, generate_series(1, $3::int) where id = $1`,
      [runId, status, count],
    );
  await copies(2_000, 'succeeded');
  await sql.unsafe('analyze workflow_runs');
  await copies(20_000, 'running');
  const batch = await sql.unsafe<Array<{ id: string; runId: string }>>(`select job_id as id, id as "runId" from workflow_runs where status = 'running' limit 200`);

  const sent: Array<{ query: string; parameters: unknown[] }> = [];
  const client = postgres(testbed.database.url, { max: 1, onnotice: () => {}, debug: (_connection, query, parameters) => sent.push({ query, parameters }) });
  const explain = async (pattern: RegExp) => {
    const statement = sent.findLast((candidate) => pattern.test(candidate.query))!;
    const lines = await sql.unsafe(`explain ${statement.query}`, statement.parameters as postgres.ParameterOrJSON<never>[]);
    return lines.map((line) => line['QUERY PLAN'] as string).join('\n');
  };
  try {
    const capturing = drizzle({ client, schema, casing: 'snake_case' });
    const claimed = await claimRuns(capturing, batch, new Date());
    expect(claimed.size).toBe(200);
    const claimPlan = await explain(/^update "workflow_runs" set "status"/);

    const ending = [...claimed.values()].map((run) => ({ run, jobId: run.jobId!, progress: { settled: [], cursor: [], vars: {} } }));
    expect((await finishEndedRuns(capturing, testbed.workflows, ending)).size).toBe(200);
    const endPlan = await explain(/^\s*update "workflow_runs"\s+set status = 'succeeded'/);

    for (const plan of [claimPlan, endPlan]) {
      expect(plan).toContain('Index Scan using workflow_runs_pkey');
      expect(plan).not.toContain('workflow_runs_workflow_id_status_index');
    }
  } finally {
    await client.end();
  }
});
