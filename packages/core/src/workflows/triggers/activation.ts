import { and, eq, sql } from 'drizzle-orm';
import { workflows, workflowVersions, type Executor } from '@tweetflow/db';
import { nextTriggerTimes, validateWorkflow, type WorkflowDefinition } from '@tweetflow/workflows';
import { DomainError } from '../../errors';
import { listXAccountIds } from '../../x-accounts/list-x-accounts';
import { findWorkflow } from '../manage/workflow-access';
import type { WorkflowDeps } from '../workflow-deps';
import { enqueueTriggerJob } from './trigger-jobs';

/**
 * Activates a version (the latest when none is given): validates it against the
 * workspace's accounts, pins it, and registers its trigger — the first schedule or poll
 * job; webhooks need nothing but the pinned version. Activating an older version is how a
 * workflow is rolled back.
 *
 * @example
 * await activateWorkflow(db, deps, { workspaceId, workflowId });
 */
export async function activateWorkflow(
  db: Executor,
  deps: Pick<WorkflowDeps, 'boss' | 'clock'>,
  input: { workspaceId: string; workflowId: string; versionId?: string },
): Promise<{ versionId: string; version: number }> {
  const accountIds = await listXAccountIds(db, input.workspaceId);
  return db.transaction(async (tx) => {
    const workflow = await findWorkflow(tx, input.workspaceId, input.workflowId, { lock: true });
    const [version] = await tx
      .select()
      .from(workflowVersions)
      .where(and(eq(workflowVersions.workflowId, workflow.id), ...(input.versionId ? [eq(workflowVersions.id, input.versionId)] : [])))
      .orderBy(sql`${workflowVersions.version} desc`)
      .limit(1);
    if (!version) throw new DomainError('not_found', 'That version of the workflow does not exist.');
    const checked = validateWorkflow(version.definition, { accountIds });
    if (!checked.ok) {
      const first = checked.problems.slice(0, 3).map((problem) => `${problem.nodeId ?? 'workflow'}${problem.field ? `.${problem.field}` : ''}: ${problem.message}`);
      throw new DomainError('bad_request', `Version ${version.version} cannot be activated: ${first.join('; ')}${checked.problems.length > 3 ? ` (and ${checked.problems.length - 3} more)` : ''}.`);
    }
    const generation = workflow.triggerGeneration + 1;
    await tx
      .update(workflows)
      .set({ activeVersionId: version.id, triggerGeneration: generation, pollCursor: null, updatedAt: deps.clock.now() })
      .where(eq(workflows.id, workflow.id));
    const first = firstTriggerMoment(checked.definition, deps.clock.now());
    if (first) await enqueueTriggerJob(tx, deps.boss, { workflowId: workflow.id, generation }, first);
    return { versionId: version.id, version: version.version };
  });
}

/**
 * Deactivates: no version is pinned and the trigger's waiting job stands down when it comes due.
 *
 * @example
 * await deactivateWorkflow(db, deps, { workspaceId, workflowId });
 */
export async function deactivateWorkflow(db: Executor, deps: Pick<WorkflowDeps, 'clock'>, input: { workspaceId: string; workflowId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const workflow = await findWorkflow(tx, input.workspaceId, input.workflowId, { lock: true });
    await tx
      .update(workflows)
      .set({ activeVersionId: null, triggerGeneration: workflow.triggerGeneration + 1, updatedAt: deps.clock.now() })
      .where(eq(workflows.id, workflow.id));
  });
}

/** When a trigger should first fire or poll: the schedule's next time, or now for polling. */
function firstTriggerMoment(definition: WorkflowDefinition, now: Date): Date | null {
  const { trigger } = definition;
  if (trigger.type === 'schedule') return nextTriggerTimes(trigger, now, 1)[0] ?? null;
  if (trigger.type === 'x.mention' || trigger.type === 'x.reply' || trigger.type === 'x.search') return now;
  return null;
}
