import { QUEUE_OPTIONS, QUEUES } from '../queue/queues';
import { startPublishingTestbed, type PublishingTestbed } from '../posts/testing';
import { advanceRun, type RunOutcome } from './runs/advance-run';
import type { RunJobData } from './runs/run-jobs';
import { fireTrigger, type TriggerOutcome } from './triggers/fire-trigger';
import type { TriggerJobData } from './triggers/trigger-jobs';
import type { WorkflowDeps } from './workflow-deps';

/** A publishing testbed plus the workflow engine's deps and job runners. */
export type WorkflowTestbed = PublishingTestbed & {
  workflows: WorkflowDeps;
  /**
   * Advances every due run job, one at a time, until none is left (`ignoreStartAfter`
   * also runs jobs scheduled for later, e.g. a wait or a retry's backoff).
   */
  drainRuns(options?: { ignoreStartAfter?: boolean }): Promise<RunOutcome[]>;
  /** Fires every due trigger job once. */
  fireTriggers(options?: { ignoreStartAfter?: boolean }): Promise<TriggerOutcome[]>;
};

/**
 * Starts a workflow testbed.
 *
 * @example
 * const testbed = await startWorkflowTestbed();
 */
export async function startWorkflowTestbed(): Promise<WorkflowTestbed> {
  const testbed = await startPublishingTestbed();
  const workflows: WorkflowDeps = { ...testbed.publishing, httpAllowedHosts: ['127.0.0.1', 'localhost'], publicUrl: 'http://localhost:3000' };
  const { retryLimit } = QUEUE_OPTIONS[QUEUES.workflowRun];
  return {
    ...testbed,
    workflows,
    async drainRuns(options = {}) {
      const outcomes: RunOutcome[] = [];
      for (let round = 0; round < 100; round++) {
        const jobs = await testbed.boss.fetch<RunJobData>(QUEUES.workflowRun, { batchSize: 20, ignoreStartAfter: options.ignoreStartAfter ?? false });
        if (jobs.length === 0) return outcomes;
        for (const job of jobs) {
          outcomes.push(await advanceRun(testbed.database.db, workflows, { id: job.id, runId: job.data.runId, retryCount: job.retryCount, retryLimit }));
          await testbed.boss.complete(QUEUES.workflowRun, job.id);
        }
      }
      throw new Error(`runs kept producing jobs: a loop? ${outcomes.slice(0, 5).join(', ')}`);
    },
    async fireTriggers(options = {}) {
      const jobs = await testbed.boss.fetch<TriggerJobData>(QUEUES.workflowTrigger, { batchSize: 50, ignoreStartAfter: options.ignoreStartAfter ?? false });
      const outcomes: TriggerOutcome[] = [];
      for (const job of jobs) {
        outcomes.push(await fireTrigger(testbed.database.db, workflows, job.data));
        await testbed.boss.complete(QUEUES.workflowTrigger, job.id);
      }
      return outcomes;
    },
  };
}
