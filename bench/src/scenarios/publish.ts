import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createPosts, type NewPost } from '@tweetflow/core';
import { overLimitCheck, sandboxTotals, startAppStack, type AppStack } from '../harness/app-stack';
import { percentile } from '../harness/stats';
import { feedSteadily } from '../harness/steady-feed';
import { sleep } from '../harness/wait';
import { startCpuMeter } from '../harness/process-usage';
import { check, metric, type BenchContext, type Check, type Scenario } from '../scenario';

type PublishParameters = {
  posts: number;
  accounts: number;
  repetitions: number;
  sustainedRate: number;
  sustainedSeconds: number;
  /** Added by the sandbox to every X response. */
  latencyMs: number;
  /**
   * How long a drain, or the steady phase's tail, may take before it is cut short and
   * measured as it stands: a publisher far below target would otherwise hold the whole
   * run for many minutes. Later drains are then skipped.
   */
  capSeconds: number;
};

/** X's app-wide budget for POST /2/tweets in a day (pro and pay-per-use tiers). */
const APP_DAILY_POSTS = 10_000;

/**
 * Publishing through the real worker process: `posts` single posts due at one instant
 * across `accounts` sandbox accounts (drain rate and lateness), repeated; then a steady
 * `sustainedRate` posts a second for `sustainedSeconds` (lateness). Lateness is a post's
 * `published_at` minus its `scheduled_at`. Each drain starts a new day at X and in the
 * ledger, since one drain may spend the app's whole daily budget.
 */
export const publishScenario: Scenario<PublishParameters> = {
  name: 'publish',
  full: { posts: 10_000, accounts: 1_000, repetitions: 3, sustainedRate: 200, sustainedSeconds: 60, latencyMs: 0, capSeconds: 60 },
  smoke: { posts: 200, accounts: 20, repetitions: 1, sustainedRate: 20, sustainedSeconds: 1, latencyMs: 0, capSeconds: 120 },
  async run(context, parameters) {
    const notes: string[] = [];
    const drains: DrainFigures[] = [];
    const report = (phase: string) => (message: string) => context.progress.update(`publish: ${phase}: ${message}`);
    const steadyPhase = (stack: AppStack) => steadyOnce(stack, parameters, report(`steady ${parameters.sustainedRate}/s`));
    let steady = await withStack(context, parameters, async (stack, meter) => {
      for (let run = 1; run <= parameters.repetitions; run++) {
        const drain = await drainOnce(stack, parameters, meter, report(`drain ${run}/${parameters.repetitions}`));
        drains.push(drain);
        if (drain.cut) {
          notes.push(`drain ${run} was cut short after ${parameters.capSeconds} s with ${drain.published} of ${parameters.posts} posts published; its rate is over that time and its lateness counts unpublished posts as late as the cut (a lower bound); later drains were skipped`);
          notes.push(`drain ${run}, ${drain.stalled}`);
          return undefined;
        }
      }
      return steadyPhase(stack);
    });
    // After a drain cut short, on a fresh stack, so its leftovers cannot slow the steady phase.
    steady ??= await withStack(context, parameters, steadyPhase);
    if (steady.cut) notes.push(`the steady phase's last posts were still unpublished ${parameters.capSeconds} s after the feed ended; they count as late as that (a lower bound)`);
    if (steady.renewedDay) {
      notes.push(`${steady.written.toLocaleString('en-US')} posts in the steady phase exceed X's ${APP_DAILY_POSTS.toLocaleString('en-US')} posts a day per app, so the sandbox started a new day halfway through`);
    }
    const drainRates = drains.map((drain) => drain.postsPerSecond);
    context.progress.done(`publish: drain ${Math.round(percentile(drainRates, 0.5))} posts/s, steady p99 ${Math.round(steady.p99)} ms`);
    return {
      scenario: 'publish',
      parameters,
      metrics: [
        metric('drain', 'posts/s', drainRates, { target: { op: '>=', value: 1_000 }, baseline: 'jobsPerSecond' }),
        metric('drain lateness p50', 'ms', drains.map((drain) => drain.p50)),
        metric('drain lateness p99', 'ms', drains.map((drain) => drain.p99)),
        metric('drain lateness max', 'ms', drains.map((drain) => drain.max)),
        metric('drain CPU per post: worker', 'ms', drains.map((drain) => drain.workerCpuMs)),
        metric('drain CPU per post: PostgreSQL', 'ms', drains.map((drain) => drain.postgresCpuMs)),
        metric(`steady ${parameters.sustainedRate}/s lateness p50`, 'ms', [steady.p50], { baseline: 'latenessP50Ms' }),
        metric(`steady ${parameters.sustainedRate}/s lateness p99`, 'ms', [steady.p99], { target: { op: '<=', value: 1_000 }, baseline: 'latenessP99Ms' }),
      ],
      checks: [...drains.flatMap((drain) => drain.checks), ...steady.checks],
      notes,
    };
  },
};

type CpuMeter = () => ReturnType<typeof startCpuMeter>;

/** Runs `work` on a fresh stack with `accounts` accounts and a running worker. */
async function withStack<T>(context: BenchContext, parameters: PublishParameters, work: (stack: AppStack, meter: CpuMeter) => Promise<T>): Promise<T> {
  context.progress.update(`publish: connecting ${parameters.accounts} accounts`);
  const stack = await startAppStack(context, { label: 'publish', accounts: parameters.accounts, latencyMs: parameters.latencyMs });
  try {
    const worker = await stack.startWorker();
    return await work(stack, () => startCpuMeter({ worker: worker.child.pid, postmaster: context.cluster.postmasterPid }));
  } finally {
    await stack.close();
  }
}

type Report = (message: string) => void;

/** Writes posts due at `dueAt`, round-robin over the accounts, through `createPosts` in batches. */
async function schedulePosts(stack: AppStack, dueAt: Date, count: number, label: string, offset: number): Promise<void> {
  for (let start = 0; start < count; start += 500) {
    const batch: NewPost[] = Array.from({ length: Math.min(500, count - start) }, (_, index) => {
      const number = offset + start + index;
      return {
        content: { accountId: stack.accounts[number % stack.accounts.length]!.id, items: [{ text: `${label} post ${number}`, mediaIds: [] }] },
        scheduledAt: dueAt,
        timezone: 'UTC',
        source: 'api',
      };
    });
    await createPosts(stack.database.db, stack.deps, { workspaceId: stack.workspace.workspaceId, userId: stack.workspace.userId, posts: batch });
  }
}

type DrainFigures = {
  postsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  workerCpuMs: number;
  postgresCpuMs: number;
  published: number;
  cut: boolean;
  /** For a drain cut short: where its unpublished posts stood, so a stall explains itself. */
  stalled: string | null;
  checks: Check[];
};

async function drainOnce(stack: AppStack, parameters: PublishParameters, meter: CpuMeter, report: Report): Promise<DrainFigures> {
  await stack.startNewXDayBetweenPhases();
  const before = sandboxTotals(stack.sandbox);
  const label = `drain ${randomBytes(4).toString('hex')}`;
  // Written ahead of their due time, so the writing is not part of what is measured.
  // Generous: on a loaded machine writing them can take seconds, and a late start is not measured.
  const dueAt = new Date(Date.now() + 10_000 + parameters.posts * 2);
  report(`scheduling ${parameters.posts} posts`);
  await schedulePosts(stack, dueAt, parameters.posts, label, 0);
  if (Date.now() > dueAt.getTime()) throw new Error('publish: the posts were not all written before they came due; raise the lead time');
  await sleep(dueAt.getTime() - Date.now());
  const cpu = meter();
  const range = { from: dueAt, to: dueAt };
  const settled = await waitForSettled(stack, range, parameters.posts, parameters.capSeconds, report);
  const spent = cpu.stop();
  const lateness = await latenessOf(stack, range, settled.at);
  const published = settled.published;
  const max = Math.max(...lateness);
  return {
    postsPerSecond: settled.cut ? published / parameters.capSeconds : published / (max / 1000),
    p50: percentile(lateness, 0.5),
    p99: percentile(lateness, 0.99),
    max,
    workerCpuMs: (spent.workerSeconds * 1000) / Math.max(1, published),
    postgresCpuMs: (spent.postgresSeconds * 1000) / Math.max(1, published),
    published,
    cut: settled.cut,
    stalled: settled.cut ? await describeUnpublished(stack, range) : null,
    checks: await correctness(stack, before, parameters.posts, published, 'drain', settled.cut),
  };
}

/**
 * The unpublished posts of a range by status and by their job's state and start time, with
 * their attempts and how those ended, and the app-wide rate-limit windows by endpoint: what
 * tells a slow drain (jobs due, active) from one that stalled (jobs deferred to a window's
 * reset, calls failing).
 */
async function describeUnpublished(stack: AppStack, range: Range): Promise<string> {
  const unpublished = sql`p.status <> 'published' and p.scheduled_at between ${range.from.toISOString()}::timestamptz and ${range.to.toISOString()}::timestamptz`;
  const groups = await stack.database.db.execute<{ status: string; jobState: string | null; posts: number; attempts: number; firstStart: string | null; lastStart: string | null }>(sql`
    select p.status, j.state as "jobState", count(*)::int as posts,
      sum((select count(*) from publish_attempts a where a.post_id = p.id))::int as attempts,
      min(j.start_after)::text as "firstStart", max(j.start_after)::text as "lastStart"
    from posts p left join pgboss.job j on j.id = p.publish_job_id
    where ${unpublished}
    group by 1, 2`);
  const windows = await stack.database.db.execute<{ scope: string; endpoint: string; remaining: number; limit: number; resetAt: string }>(sql`
    select scope, endpoint, remaining, "limit", reset_at::text as "resetAt" from x_rate_limit_windows where scope not like 'user:%' order by scope, endpoint`);
  // How their attempts ended, by status and message: what the calls that did not publish ran into.
  const attempts = await stack.database.db.execute<{ status: string; message: string | null; attempts: number }>(sql`
    select a.status, left(a.error_message, 160) as message, count(*)::int as attempts
    from publish_attempts a join posts p on p.id = a.post_id
    where ${unpublished}
    group by 1, 2 order by 3 desc limit 5`);
  const posts = groups.map((group) => `${group.posts} ${group.status} (job ${group.jobState ?? 'none'}, due ${group.firstStart ?? '-'}${group.lastStart !== group.firstStart ? ` to ${group.lastStart}` : ''}, ${group.attempts} attempts)`);
  const ended = attempts.map((attempt) => `${attempt.attempts} ${attempt.status}${attempt.message ? ` "${attempt.message}"` : ''}`);
  const ledger = windows.map((window) => `${window.scope} ${window.endpoint} ${window.remaining} of ${window.limit} left until ${window.resetAt}`);
  return `unpublished: ${posts.join('; ') || 'none'}; their attempts: ${ended.join('; ') || 'none'}; app windows: ${ledger.join('; ') || 'none'}`;
}

async function steadyOnce(stack: AppStack, parameters: PublishParameters, report: Report) {
  await stack.startNewXDayBetweenPhases();
  const before = sandboxTotals(stack.sandbox);
  const label = `steady ${randomBytes(4).toString('hex')}`;
  const total = parameters.sustainedRate * parameters.sustainedSeconds;
  const renewDayAt = total > APP_DAILY_POSTS ? Math.floor(total / 2) : Number.POSITIVE_INFINITY;
  let renewedDay = false;
  const from = new Date(Date.now() + 1_000);
  const written = await feedSteadily({ rate: parameters.sustainedRate, seconds: parameters.sustainedSeconds, leadMs: 1_000 }, async (dueAt, count, offset) => {
    if (offset >= renewDayAt && !renewedDay) {
      renewedDay = true;
      stack.startNewXDay();
    }
    report(`${offset + count} of ${total} scheduled`);
    await schedulePosts(stack, dueAt, count, label, offset);
  });
  const to = new Date(from.getTime() + parameters.sustainedSeconds * 1000);
  const settled = await waitForSettled(stack, { from, to }, written, parameters.capSeconds, report);
  const lateness = await latenessOf(stack, { from, to }, settled.at);
  return {
    written,
    renewedDay,
    cut: settled.cut,
    p50: percentile(lateness, 0.5),
    p99: percentile(lateness, 0.99),
    checks: await correctness(stack, before, written, settled.published, 'steady', settled.cut),
  };
}

type Range = { from: Date; to: Date };

async function countByStatus(stack: AppStack, range: Range): Promise<Record<string, number>> {
  const rows = await stack.database.db.execute<{ status: string; count: number }>(sql`
    select status, count(*)::int as count from posts
    where scheduled_at between ${range.from.toISOString()}::timestamptz and ${range.to.toISOString()}::timestamptz
    group by status`);
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}

/** Waits until every post of the range is published or failed, or `capSeconds` pass. */
async function waitForSettled(stack: AppStack, range: Range, expected: number, capSeconds: number, report: Report) {
  const deadline = Date.now() + capSeconds * 1000;
  for (;;) {
    const seen = await countByStatus(stack, range);
    const published = seen.published ?? 0;
    report(`${published} of ${expected} published`);
    if (published + (seen.failed ?? 0) >= expected) return { published, cut: false, at: new Date() };
    if (Date.now() > deadline) return { published, cut: true, at: new Date() };
    await sleep(250);
  }
}

/** Each post's lateness; a post still unpublished at `cutAt` counts as late as that. */
async function latenessOf(stack: AppStack, range: Range, cutAt: Date): Promise<number[]> {
  const rows = await stack.database.db.execute<{ ms: number }>(sql`
    select extract(epoch from (coalesce(published_at, ${cutAt.toISOString()}::timestamptz) - scheduled_at)) * 1000 as ms from posts
    where status <> 'failed' and scheduled_at between ${range.from.toISOString()}::timestamptz and ${range.to.toISOString()}::timestamptz`);
  return rows.map((row) => Number(row.ms));
}

/** What reached X against what should have; a phase cut short is only held to "no duplicate, no 429". */
async function correctness(stack: AppStack, before: ReturnType<typeof sandboxTotals>, expected: number, published: number, phase: string, cut: boolean): Promise<Check[]> {
  const after = sandboxTotals(stack.sandbox);
  const received = after.posts - before.posts;
  return [
    ...(cut
      ? []
      : [
          check(`${phase}: every post published`, published === expected, `${published} of ${expected}`),
          check(`${phase}: sandbox received each post once`, received === expected, `${received} of ${expected}`),
        ]),
    check(`${phase}: no duplicate sent`, after.duplicates === before.duplicates, `${after.duplicates - before.duplicates} duplicates`),
    overLimitCheck(`${phase}: `, before, after),
  ];
}
