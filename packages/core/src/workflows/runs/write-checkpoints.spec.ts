import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { workflowRuns, workflowSteps, workspaceMembers } from '@tweetflow/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkflow } from '../manage/save-workflow';
import { startWorkflowTestbed, type WorkflowTestbed } from '../testing';
import { activateWorkflow } from '../triggers/activation';
import { runWorkflowNow } from './run-control';
import { writeCheckpoint, type Checkpoint } from './write-checkpoints';

let testbed: WorkflowTestbed;

beforeEach(async () => {
  testbed = await startWorkflowTestbed();
  await testbed.database.db.insert(workspaceMembers).values({ workspaceId: testbed.workspaceId, userId: testbed.userId, role: 'owner' });
});
afterEach(() => testbed.close());

async function startRuns(count: number) {
  const { workflowId } = await createWorkflow(testbed.database.db, testbed.workflows, {
    workspaceId: testbed.workspaceId,
    userId: testbed.userId,
    name: 'Checkpoints',
    definition: { trigger: { type: 'manual', params: {} }, nodes: [{ id: 'pause', type: 'wait', params: { mode: 'duration', seconds: 60 } }], edges: [{ from: 'trigger', to: 'pause' }] },
  });
  await activateWorkflow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId });
  const runIds: string[] = [];
  for (let index = 0; index < count; index++) {
    runIds.push((await runWorkflowNow(testbed.database.db, testbed.workflows, { workspaceId: testbed.workspaceId, workflowId, userId: testbed.userId, input: {} })).runId);
  }
  return testbed.database.db.select({ id: workflowRuns.id, jobId: workflowRuns.jobId }).from(workflowRuns).where(inArray(workflowRuns.id, runIds));
}

const checkpoint = (run: { id: string; jobId: string | null }, label: string): Checkpoint => ({
  runId: run.id,
  jobId: run.jobId!,
  cursor: ['pause'],
  vars: { label },
  steps: [
    { nodeId: 'check', sequence: 1, status: 'succeeded', input: { label }, output: true, branch: 'true', startedAt: '2026-01-01T09:00:00.000Z', finishedAt: '2026-01-01T09:00:00.000Z' },
    { nodeId: 'pause', sequence: 2, status: 'running', startedAt: '2026-01-01T09:00:01.000Z' },
  ],
  runningSequence: 2,
});

describe('run checkpoints', () => {
  it("runs checkpointing together each get their own running step, and a run its job no longer holds gets nothing written", async () => {
    const [first, second, third] = await startRuns(3);
    const answers = await Promise.all([
      writeCheckpoint(testbed.database.db, checkpoint(first!, 'first')),
      writeCheckpoint(testbed.database.db, checkpoint(second!, 'second')),
      writeCheckpoint(testbed.database.db, { ...checkpoint(third!, 'third'), jobId: randomUUID() }),
    ]);

    expect(answers[2]).toBeNull();
    for (const [index, run] of [first!, second!].entries()) {
      const steps = await testbed.database.db.select().from(workflowSteps).where(eq(workflowSteps.runId, run.id)).orderBy(asc(workflowSteps.sequence));
      expect(steps.map((step) => [step.nodeId, step.status, step.branch])).toEqual([['check', 'succeeded', 'true'], ['pause', 'running', null]]);
      expect(steps[1]!.id).toBe(answers[index]);
      const [row] = await testbed.database.db.select({ cursor: workflowRuns.cursor, vars: workflowRuns.vars }).from(workflowRuns).where(eq(workflowRuns.id, run.id));
      expect(row).toEqual({ cursor: ['pause'], vars: { label: index === 0 ? 'first' : 'second' } });
    }
    expect(await testbed.database.db.select().from(workflowSteps).where(eq(workflowSteps.runId, third!.id))).toEqual([]);
  });
});
