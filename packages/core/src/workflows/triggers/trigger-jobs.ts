import type { PgBoss } from 'pg-boss';
import type { Transaction } from '@tweetflow/db';
import { QUEUES } from '../../queue/queues';
import { jobsIn } from '../../queue/jobs-in';

/** A workflow's next trigger moment; `generation` ties it to one activation. */
export type TriggerJobData = { workflowId: string; generation: number };

/**
 * Enqueues the job for a workflow's next trigger moment inside the caller's transaction.
 * Each active schedule or poll trigger has exactly one such job waiting, created at
 * activation and then by each firing for the next, so an idle worker fetches only the
 * jobs that are due instead of scanning every workflow on each tick.
 *
 * @example
 * await enqueueTriggerJob(tx, boss, { workflowId, generation }, nextFire);
 */
export async function enqueueTriggerJob(tx: Transaction, boss: PgBoss, data: TriggerJobData, at: Date): Promise<void> {
  await boss.insert(QUEUES.workflowTrigger, [{ data, startAfter: at, singletonKey: `${data.workflowId}:${data.generation}:${at.getTime()}` }], {
    db: jobsIn(tx),
  });
}
