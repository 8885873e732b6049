import type { Job, JobAttempt, PgBoss } from 'pg-boss';
import type postgres from 'postgres';
import { BatchLane } from '@tweetflow/db';
import type { Logger } from '../runtime/logger';
import { JOB_QUEUE_SCHEMA } from './job-queue';

/** What the loop's work function returns for a batch it was handed. */
export type BatchUnderWay = {
  /** One per job, in order: fulfilled completes the job, rejected fails it (its retries follow). */
  outcomes: Array<Promise<unknown>>;
  /** When the batch's own part is done; the loop then fetches again, whatever is still under way. */
  batchWritten: Promise<void>;
};

export type FetchLoopOptions = {
  batchSize: number;
  /** Most jobs under way at once, counting the slow jobs of earlier batches. */
  maxJobsUnderWay: number;
  /** The wait after a short fetch when no NOTIFY comes, which is what finds jobs coming due later. */
  pollIntervalMs: number;
  /** The queue's `heartbeatSeconds`: a job under way is touched twice in that time. */
  heartbeatSeconds: number;
};

export type FetchLoop = {
  /** Stops fetching, lets the jobs under way settle for up to `timeoutMs`, then fails the rest so they are retried. */
  stop(timeoutMs: number): Promise<void>;
};

/**
 * Works a queue one batch at a time without waiting for a batch's slow jobs: it fetches,
 * hands the batch to `work`, and once the batch's own part is written completes the jobs
 * that are done in one statement and fetches again; a job still under way (a run waiting
 * on an HTTP call) is settled on its own when it ends. pg-boss's `work` waits for a whole
 * batch before its loop fetches again, so one slow job would hold every job behind it, and
 * two loops side by side (the way around that) advance two batches at once, which
 * `pnpm bench workflows` measured as a higher webhook ack latency than one at a time.
 * Wakes on the queue's NOTIFY (its own LISTEN, on pg-boss's channel) and polls otherwise.
 *
 * @example
 * const loop = await startFetchLoop(runtime, QUEUES.workflowRun, options, (jobs) => startRunJobs(db, deps, jobs, limits));
 * await loop.stop(config.SHUTDOWN_TIMEOUT_MS);
 */
export async function startFetchLoop<T extends object>(
  { boss, sql, logger }: { boss: PgBoss; sql: postgres.Sql; logger: Logger },
  queue: string,
  options: FetchLoopOptions,
  work: (jobs: Array<Job<T>>) => BatchUnderWay,
): Promise<FetchLoop> {
  const underWay = new Map<string, { attempt: JobAttempt; touchedAt: number }>();
  const settling = new Set<Promise<void>>();
  let stopping = false;
  let woken = false;
  let wake: (() => void) | undefined;
  const nudge = () => {
    woken = true;
    wake?.();
  };
  const rest = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) return resolve();
      const timer = setTimeout(() => wake!(), ms);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  // Jobs that end alone after their batch (its slow runs) share a statement when they meet.
  const lateCompletions = new BatchLane(async (attempts: JobAttempt[]) => {
    await boss.complete(queue, attempts);
    return attempts.map(() => undefined);
  }, { maxWeight: options.maxJobsUnderWay });
  const settle = async (done: ReadonlyArray<{ job: Job<T>; result: PromiseSettledResult<unknown> }>) => {
    const completed = done.filter(({ result }) => result.status === 'fulfilled').map(({ job }) => attemptOf(job));
    try {
      if (completed.length === 1) await lateCompletions.submit(completed[0]!);
      else if (completed.length > 1) await boss.complete(queue, completed);
      for (const { job, result } of done) {
        if (result.status === 'fulfilled') continue;
        const error: unknown = result.reason;
        logger.error({ err: error, jobId: job.id, queue }, 'job failed');
        await boss.fail(queue, attemptOf(job), { message: error instanceof Error ? error.message : String(error) });
      }
    } catch (error) {
      // The jobs stay active without a heartbeat, so pg-boss hands them back for a retry.
      logger.error({ err: error, queue }, 'could not settle jobs');
    } finally {
      // A loop that had no room rests until a job ends.
      const wasFull = underWay.size >= options.maxJobsUnderWay;
      for (const { job } of done) underWay.delete(job.id);
      if (wasFull) nudge();
    }
  };

  const advance = async (jobs: Array<Job<T>>) => {
    for (const job of jobs) underWay.set(job.id, { attempt: attemptOf(job), touchedAt: Date.now() });
    let batch: BatchUnderWay;
    try {
      batch = work(jobs);
    } catch (error) {
      batch = { outcomes: jobs.map(() => Promise.reject(error)), batchWritten: Promise.resolve() };
    }
    const results: Array<PromiseSettledResult<unknown> | undefined> = [];
    const tracked = batch.outcomes.map((outcome, index) =>
      outcome.then(
        (value) => (results[index] = { status: 'fulfilled', value }),
        (reason: unknown) => (results[index] = { status: 'rejected', reason }),
      ),
    );
    // A failed batch write shows in its jobs' outcomes; the loop goes on either way.
    await batch.batchWritten.catch(() => {});
    // The outcomes the batch's write settled resolve in the microtasks it queued.
    await new Promise(setImmediate);
    await settle(jobs.flatMap((job, index) => (results[index] ? [{ job, result: results[index] }] : [])));
    jobs.forEach((job, index) => {
      if (results[index]) return;
      const settled: Promise<void> = tracked[index]!.then(() => settle([{ job, result: results[index]! }]));
      settling.add(settled);
      void settled.finally(() => settling.delete(settled));
    });
  };

  const loop = async () => {
    while (!stopping) {
      const room = Math.min(options.batchSize, options.maxJobsUnderWay - underWay.size);
      woken = false;
      if (room <= 0) {
        await rest(options.pollIntervalMs);
        continue;
      }
      let jobs: Array<Job<T>>;
      try {
        jobs = await boss.fetch<T>(queue, { batchSize: room });
      } catch (error) {
        logger.error({ err: error, queue }, 'could not fetch jobs');
        await rest(options.pollIntervalMs);
        continue;
      }
      try {
        if (jobs.length > 0) await advance(jobs);
      } catch (error) {
        // Not expected (settling catches its own errors), but the loop must outlive anything.
        logger.error({ err: error, queue }, 'could not advance a batch');
      }
      // A full batch means more is waiting: fetch again at once.
      if (jobs.length < room) await rest(options.pollIntervalMs);
    }
  };

  // pg-boss fails a job whose heartbeat is older than heartbeatSeconds, and retries it while
  // its run may still be under way here; touched every quarter of that, none gets older than half.
  const beat = (options.heartbeatSeconds * 1000) / 4;
  const heartbeat = setInterval(() => {
    const now = Date.now();
    const due = [...underWay.values()].filter((entry) => entry.touchedAt <= now - beat);
    if (due.length === 0) return;
    for (const entry of due) entry.touchedAt = now;
    boss.touch(queue, due.map((entry) => entry.attempt)).catch((error: unknown) => logger.warn({ err: error, queue }, 'could not touch jobs under way'));
  }, beat);
  // After a reconnect, NOTIFYs sent meanwhile were missed: fetch once.
  const listening = await sql.listen(await notifyChannel(sql), (payload) => payload === queue && nudge(), nudge);
  const looping = loop();

  return {
    async stop(timeoutMs) {
      stopping = true;
      nudge();
      await looping;
      clearInterval(heartbeat);
      await listening.unlisten();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...settling]), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      const left = [...underWay.values()].map((entry) => entry.attempt);
      if (left.length === 0) return;
      logger.warn({ queue, jobs: left.length }, 'jobs still under way at shutdown are handed back for a retry');
      // Failing that, their heartbeats lapse and pg-boss hands them back all the same.
      await boss.fail(queue, left, { message: 'The worker stopped before the job finished.' }).catch((error: unknown) => logger.error({ err: error, queue }, 'could not hand back jobs'));
    },
  };
}

const attemptOf = (job: { id: string; retryCount: number }): JobAttempt => ({ id: job.id, retryCount: job.retryCount });

/**
 * The channel pg-boss 12.38 sends a `notify` queue's NOTIFY on (`plans.notifyChannelSql`),
 * which its own listener only passes to workers that `boss.work` started. Asked of the
 * database with the same expression, so it stays the one pg-boss uses for the schema.
 */
export async function notifyChannel(sql: postgres.Sql): Promise<string> {
  const [row] = await sql<Array<{ channel: string }>>`select 'pgboss_' || left(encode(sha224(${JOB_QUEUE_SCHEMA}::bytea), 'hex'), 24) as channel`;
  return row!.channel;
}
