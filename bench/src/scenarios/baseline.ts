import { randomUUID } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import postgres from 'postgres';
import { batchWorkOptions, createLogger, QUEUE_OPTIONS, QUEUES, startJobQueue } from '@tweetflow/core';
import { timeDiskFlushes } from '../harness/disk-flush';
import { percentile } from '../harness/stats';
import { feedSteadily } from '../harness/steady-feed';
import { pollUntil } from '../harness/wait';
import { check, metric, type Scenario } from '../scenario';

type BaselineParameters = { jobs: number; repetitions: number; sustainedRate: number; sustainedSeconds: number; concurrency: number };

const QUEUE = 'bench.noop';

/**
 * Raw pg-boss on the same database, with the worker's own fetch options: N no-op jobs due
 * at one instant, fetched and completed (jobs/s), then a steady feed (lateness: completion
 * minus due time), a bare `select 1` round trip, and the disk's flush time (every
 * synchronous commit waits for one; see `timeDiskFlushes`). Every other scenario's ratio
 * is against these, measured minutes apart on the same machine.
 */
export const baselineScenario: Scenario<BaselineParameters> = {
  name: 'baseline',
  full: { jobs: 10_000, repetitions: 3, sustainedRate: 200, sustainedSeconds: 10, concurrency: 8 },
  smoke: { jobs: 100, repetitions: 1, sustainedRate: 50, sustainedSeconds: 1, concurrency: 8 },
  async run(context, parameters) {
    const url = await context.cluster.freshDatabase('baseline');
    const logger = createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'production' }, 'bench');
    const boss = await startJobQueue(url, { role: 'worker', logger });
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const { deadLetter: _ignored, ...publishQueue } = QUEUE_OPTIONS[QUEUES.publishPost];
    await boss.createQueue(QUEUE, publishQueue);
    await boss.work(QUEUE, { ...batchWorkOptions(parameters.concurrency), perJobResults: true }, async (jobs) =>
      jobs.map((job) => ({ id: job.id, status: 'completed' as const })),
    );
    try {
      const drains: number[] = [];
      const drainP99: number[] = [];
      for (let run = 1; run <= parameters.repetitions; run++) {
        context.progress.update(`baseline: drain ${run}/${parameters.repetitions}`);
        const figures = await drainOnce(boss, sql, parameters.jobs);
        drains.push(figures.jobsPerSecond);
        drainP99.push(figures.latenessP99Ms);
      }
      context.progress.update(`baseline: steady ${parameters.sustainedRate} jobs/s for ${parameters.sustainedSeconds} s`);
      const steady = await steadyOnce(boss, sql, parameters);
      const roundTrips: number[] = [];
      for (let index = 0; index < 200; index++) {
        const started = performance.now();
        await sql`select 1`;
        roundTrips.push(performance.now() - started);
      }
      const flushes = timeDiskFlushes(context.dataDir, 200);
      const completed = await countCompleted(sql);
      const expected = parameters.jobs * parameters.repetitions + steady.written;
      context.progress.done(`baseline: ${Math.round(drains.toSorted((a, b) => a - b)[Math.floor(drains.length / 2)]!)} jobs/s`);
      return {
        scenario: 'baseline',
        parameters: { ...parameters, workOptions: batchWorkOptions(parameters.concurrency) },
        metrics: [
          metric('raw pg-boss drain', 'jobs/s', drains),
          metric('raw pg-boss drain lateness p99', 'ms', drainP99),
          metric('raw pg-boss steady lateness p50', 'ms', [steady.p50]),
          metric('raw pg-boss steady lateness p99', 'ms', [steady.p99]),
          metric('database round trip (select 1) p50', 'ms', [percentile(roundTrips, 0.5)]),
          metric('disk flush (8 KB write + fdatasync) p50', 'ms', [percentile(flushes, 0.5)]),
          metric('disk flush p99', 'ms', [percentile(flushes, 0.99)]),
        ],
        checks: [check('every job completed once', completed === expected, `${completed} of ${expected}`)],
        notes: [],
      };
    } finally {
      await boss.stop({ graceful: false, timeout: 2_000 });
      await sql.end({ timeout: 5 });
    }
  },
};

async function insertDue(boss: PgBoss, count: number, at: Date): Promise<void> {
  for (let start = 0; start < count; start += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, count - start) }, () => ({ id: randomUUID(), data: {}, startAfter: at }));
    await boss.insert(QUEUE, batch);
  }
}

async function drainOnce(boss: PgBoss, sql: postgres.Sql, jobs: number) {
  const before = await countCompleted(sql);
  // Written ahead of their due time, so the insert is not part of what is measured.
  const due = new Date(Date.now() + 1_500 + jobs / 10);
  await insertDue(boss, jobs, due);
  if (Date.now() > due.getTime()) throw new Error('baseline: the jobs were not all written before they came due; raise the lead time');
  await pollUntil(async () => ((await countCompleted(sql)) >= before + jobs ? true : undefined), { timeoutMs: 300_000, intervalMs: 100 });
  const lateness = await latenessSince(sql, due);
  const last = Math.max(...lateness);
  return { jobsPerSecond: jobs / (last / 1000), latenessP99Ms: percentile(lateness, 0.99) };
}

async function steadyOnce(boss: PgBoss, sql: postgres.Sql, parameters: BaselineParameters) {
  const since = new Date();
  const before = await countCompleted(sql);
  const written = await feedSteadily({ rate: parameters.sustainedRate, seconds: parameters.sustainedSeconds, leadMs: 1_000 }, (dueAt, count) =>
    insertDue(boss, count, dueAt),
  );
  await pollUntil(async () => ((await countCompleted(sql)) >= before + written ? true : undefined), { timeoutMs: 120_000, intervalMs: 100 });
  const lateness = await latenessSince(sql, since);
  return { written, p50: percentile(lateness, 0.5), p99: percentile(lateness, 0.99) };
}

async function countCompleted(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ count: number }[]>`select count(*)::int as count from pgboss.job where name = ${QUEUE} and state = 'completed'`;
  return row?.count ?? 0;
}

/** Milliseconds from each job's due time to its completion, for jobs due from `since` on. */
async function latenessSince(sql: postgres.Sql, since: Date): Promise<number[]> {
  const rows = await sql<{ ms: number }[]>`
    select extract(epoch from (completed_on - start_after)) * 1000 as ms
    from pgboss.job where name = ${QUEUE} and state = 'completed' and start_after >= ${since}`;
  return rows.map((row) => Number(row.ms));
}
