import { QUEUE_OPTIONS, QUEUES } from '../queue/queues';
import { startPublishingTestbed, type PublishingTestbed } from '../posts/testing';
import type { RunOutcome } from './runs/advance-run';
import { advanceRunJobs } from './runs/advance-run-jobs';
import { runIdsOf, type RunJobData } from './runs/run-jobs';
import { fireTrigger, type TriggerOutcome } from './triggers/fire-trigger';
import type { TriggerJobData } from './triggers/trigger-jobs';
import type { WorkflowDeps } from './workflow-deps';

/** A publishing testbed plus the workflow engine's deps and job runners. */
export type WorkflowTestbed = PublishingTestbed & {
  workflows: WorkflowDeps;
  /**
   * Advances every due run job, one at a time, until none is left (`ignoreStartAfter`
   * also runs jobs scheduled for later, e.g. a wait or a retry's backoff, once each).
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
  const workflows: WorkflowDeps = {
    ...testbed.publishing,
    httpAllowedHosts: ['127.0.0.1', 'localhost'],
    publicUrl: 'http://localhost:3000',
    email: { boss: testbed.boss, clock: testbed.publishing.clock, smtpUrl: undefined, from: 'TweetFlow <tweetflow@localhost>' },
  };
  const { retryLimit } = QUEUE_OPTIONS[QUEUES.workflowRun];
  return {
    ...testbed,
    workflows,
    async drainRuns(options = {}) {
      const outcomes: RunOutcome[] = [];
      // With ignoreStartAfter a waiting run's next job is due at once; each run is advanced
      // past a wait at most once per drain (move the clock to let it go on).
      const waited = new Set<string>();
      for (let round = 0; round < 100; round++) {
        const jobs = await testbed.boss.fetch<RunJobData>(QUEUES.workflowRun, { batchSize: 20, ignoreStartAfter: options.ignoreStartAfter ?? false });
        const fresh = jobs.filter((job) => !runIdsOf(job.data).some((runId) => waited.has(runId)));
        if (fresh.length === 0) return outcomes;
        for (const job of fresh) {
          const [result] = await advanceRunJobs(testbed.database.db, workflows, [job], retryLimit);
          if (result!.status === 'rejected') throw result!.reason;
          const runIds = runIdsOf(job.data);
          result!.value.forEach((outcome, index) => {
            outcomes.push(outcome);
            if (outcome === 'waiting') waited.add(runIds[index]!);
          });
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
