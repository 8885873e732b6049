import type { WorkOptions } from 'pg-boss';
import type { FetchLoopOptions } from './fetch-loop';
import { QUEUE_OPTIONS, QUEUES } from './queues';

/**
 * How the worker fetches from a busy queue that pg-boss's `work` runs (publishing; the
 * benchmarks' raw pg-boss baseline, so it is measured like for like): batches of four
 * jobs per unit of `WORKER_CONCURRENCY`, two fetch loops side by side (a loop waits for
 * its whole batch, so with one a job that hangs would hold up every job behind it), and
 * a poll every half second so a job that comes due is picked up well within a second. A
 * full batch means more is waiting, so the loop fetches again at once instead of sleeping
 * out the poll: without that, two loops of 32 jobs a half second cap a worker at 128
 * jobs/s however fast each job is (`pnpm bench` measured exactly that). Their queues
 * `notify`, so a job that is runnable when written starts at once; the poll stays at half
 * a second while NOTIFY is active too, because it is what finds jobs coming due later
 * (scheduled posts, waits, retries).
 *
 * @example
 * await boss.work(QUEUES.publishPost, { ...batchWorkOptions(config.WORKER_CONCURRENCY), perJobResults: true }, handler);
 */
export function batchWorkOptions(concurrency: number) {
  return {
    batchSize: concurrency * 4,
    localConcurrency: 2,
    pollingIntervalSeconds: 0.5,
    notifyPollingIntervalSeconds: 0.5,
    burstWhenBatchFull: true,
  } satisfies WorkOptions;
}

/**
 * Publishing's fetches: larger batches than `batchWorkOptions`, because `publishBatch`
 * spends a few statements per batch rather than per post, so the bigger the batch the
 * less each post costs; its X calls still go out side by side. A batch mostly waits on
 * round trips (the worker was three-quarters idle at 470 posts/s), so four loops overlap
 * those waits (579 posts/s in the same profile run).
 *
 * @example
 * await boss.work(QUEUES.publishPost, { ...publishWorkOptions(config.WORKER_CONCURRENCY), perJobResults: true }, handler);
 */
export function publishWorkOptions(concurrency: number) {
  return { ...batchWorkOptions(concurrency), batchSize: concurrency * 12, localConcurrency: 4 } satisfies WorkOptions;
}

/**
 * Workflow runs' fetch loop (`startFetchLoop`): the same batches as `batchWorkOptions`,
 * advanced one at a time, with room for four times as many jobs under way, so runs
 * waiting on slow HTTP calls (up to their 30-second timeout) leave the loop free until a
 * hundred-odd of them pile up. A batch's runs are written together once all have ended
 * or none has for `RUN_BATCH_PATIENCE_MS`; the loop then fetches again
 * (`workflow-isolation.spec.ts`).
 *
 * @example
 * await startFetchLoop(runtime, QUEUES.workflowRun, runLoopOptions(config.WORKER_CONCURRENCY), work);
 */
export function runLoopOptions(concurrency: number): FetchLoopOptions {
  const batchSize = concurrency * 4;
  return { batchSize, maxJobsUnderWay: batchSize * 4, pollIntervalMs: 500, heartbeatSeconds: QUEUE_OPTIONS[QUEUES.workflowRun].heartbeatSeconds ?? 60 };
}

/**
 * How long a batch of runs may go without one of its runs ending before the runs that
 * ended are written together and the loop moves on: a batch of hundreds of webhook → if →
 * post runs ends runs every few milliseconds until it is done, but on a busy machine its
 * posts can wait on X for over 100 ms (at 100 ms a fifth of a burst's runs ended after their
 * batch was written); a run calling a slow API can take seconds.
 */
export const RUN_BATCH_PATIENCE_MS = 250;
