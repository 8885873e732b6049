import { and, eq } from 'drizzle-orm';
import { workflows, type Executor } from '@tweetflow/db';
import { nextTriggerTimes } from '@tweetflow/workflows';
import { XRateLimitedError } from '../../x-accounts/errors';
import { loadDefinition, startRun } from '../runs/start-run';
import type { WorkflowDeps } from '../workflow-deps';
import { pollXEvents } from './poll-x-events';
import { enqueueTriggerJob, type TriggerJobData } from './trigger-jobs';

export type TriggerOutcome = { outcome: 'fired' | 'polled' | 'stood_down'; runs: number };

/**
 * A schedule or poll trigger's moment has come: start a run (schedule) or one run per new
 * X event (poll), then enqueue the next moment. A job from an earlier activation stands
 * down, which is all deactivation needs.
 *
 * @example
 * await fireTrigger(db, deps, { workflowId, generation });
 */
export async function fireTrigger(db: Executor, deps: WorkflowDeps, job: TriggerJobData): Promise<TriggerOutcome> {
  const [workflow] = await db
    .select({ id: workflows.id, workspaceId: workflows.workspaceId, activeVersionId: workflows.activeVersionId, pollCursor: workflows.pollCursor })
    .from(workflows)
    .where(and(eq(workflows.id, job.workflowId), eq(workflows.triggerGeneration, job.generation)));
  if (!workflow?.activeVersionId) return { outcome: 'stood_down', runs: 0 };
  const versionId = workflow.activeVersionId;
  const definition = await loadDefinition(db, versionId);
  const { trigger } = definition;
  const now = deps.clock.now();

  if (trigger.type === 'schedule') {
    await startRun(db, deps, { workflowId: workflow.id, versionId, triggerType: 'schedule', triggerOutput: { firedAt: now.toISOString() } });
    const next = nextTriggerTimes(trigger, now, 1)[0];
    if (next) await db.transaction((tx) => enqueueTriggerJob(tx, deps.boss, job, next));
    return { outcome: 'fired', runs: 1 };
  }
  if (trigger.type !== 'x.mention' && trigger.type !== 'x.reply' && trigger.type !== 'x.search') return { outcome: 'stood_down', runs: 0 };

  let nextPoll = new Date(now.getTime() + trigger.params.pollSeconds * 1000);
  let runs = 0;
  try {
    const { events, cursor } = await pollXEvents(db, deps, workflow.workspaceId, trigger, workflow.pollCursor ?? null);
    for (const post of events) {
      await startRun(db, deps, { workflowId: workflow.id, versionId, triggerType: trigger.type, triggerOutput: { post } });
      runs++;
    }
    await db.update(workflows).set({ pollCursor: cursor }).where(eq(workflows.id, workflow.id));
  } catch (error) {
    // Out of budget: poll again when the window resets, never sooner.
    if (!(error instanceof XRateLimitedError)) throw error;
    if (error.retryAt > nextPoll) nextPoll = error.retryAt;
  }
  await db.transaction((tx) => enqueueTriggerJob(tx, deps.boss, job, nextPoll));
  return { outcome: 'polled', runs };
}
