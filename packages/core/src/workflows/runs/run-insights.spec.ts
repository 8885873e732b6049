import { afterEach, beforeEach, expect, it } from 'vitest';
import { createWorkflow } from '../manage/save-workflow';
import { startWorkflowTestbed, type WorkflowTestbed } from '../testing';
import { activateWorkflow } from '../triggers/activation';
import { runWorkflowNow } from './run-control';
import { workflowInsights } from './run-insights';

let testbed: WorkflowTestbed;
beforeEach(async () => (testbed = await startWorkflowTestbed()));
afterEach(() => testbed.close());

it('counts live runs per day with their success rate, durations and the time each node took; dry runs are left out', async () => {
  const { db } = testbed.database;
  const scope = { workspaceId: testbed.workspaceId, userId: testbed.userId };
  // `$number('many')` fails the step, so one input fails the run and the others succeed.
  const { workflowId, problems } = await createWorkflow(db, testbed.workflows, {
    ...scope,
    name: 'Counting',
    definition: {
      trigger: { type: 'manual', params: {} },
      nodes: [
        { id: 'check', type: 'if', params: { condition: '$number(trigger.n) > 1' } },
        { id: 'label', type: 'format', params: { template: 'n is {{ trigger.n }}' } },
      ],
      edges: [
        { from: 'trigger', to: 'check' },
        { from: 'check', to: 'label', label: 'true' },
      ],
    },
  });
  expect(problems).toEqual([]);
  await activateWorkflow(db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
  for (const n of ['2', '3', 'many']) await runWorkflowNow(db, testbed.workflows, { ...scope, workflowId, input: { n } });
  await runWorkflowNow(db, testbed.workflows, { ...scope, workflowId, input: { n: '5' }, dryRun: true });
  await testbed.drainRuns();

  const insights = await workflowInsights(db, testbed.workflows.clock, { workspaceId: testbed.workspaceId, workflowId, days: 7, timezone: 'Pacific/Auckland' });

  expect(insights).toMatchObject({ days: 7, runs: 3, succeeded: 2, failed: 1 });
  expect(insights.successRate).toBeCloseTo(2 / 3);
  expect(insights.medianMs).toBeGreaterThanOrEqual(0);
  expect(insights.p95Ms).toBeGreaterThanOrEqual(insights.medianMs!);
  // Today in Auckland carries the runs; the days before are there with nothing.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(testbed.workflows.clock.now());
  expect(insights.daily.at(-1)).toEqual({ day: today, runs: 3, succeeded: 2, failed: 1 });
  expect(insights.daily.length).toBeGreaterThanOrEqual(7);
  expect(insights.daily.slice(0, -1).every((day) => day.runs === 0)).toBe(true);
  expect(Object.fromEntries(insights.nodes.map((node) => [node.nodeId, [node.steps, node.failed]]))).toEqual({ check: [3, 1], label: [2, 0] });
});
