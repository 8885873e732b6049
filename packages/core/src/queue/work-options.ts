import type { WorkOptions } from 'pg-boss';

/**
 * How the worker fetches from its busy queues (publishing, workflow runs): batches of four
 * jobs per unit of `WORKER_CONCURRENCY`, two fetch loops side by side (a loop waits for
 * its whole batch, so with one a run whose HTTP call hangs for its 30-second timeout would
 * hold up every other run: `workflow-isolation.spec.ts`), and a poll every half
 * second so a job that comes due is picked up well within a second. A full batch means more
 * is waiting, so the loop fetches again at once instead of sleeping out the poll: without
 * that, two loops of 32 jobs a half second cap a worker at 128 jobs/s however fast each job
 * is (`pnpm bench` measured exactly that). The benchmarks' raw pg-boss baseline uses the
 * same options, so the two are compared like for like. Their queues `notify`, so a job that
 * is runnable when written starts at once; the poll stays at half a second while NOTIFY is
 * active too, because it is what finds jobs coming due later (scheduled posts, waits, retries).
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
