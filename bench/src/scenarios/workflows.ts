import { availableParallelism } from 'node:os';
import { sql } from 'drizzle-orm';
import { activateWorkflow, createWorkflow, getWorkflow } from '@tweetflow/core';
import { overLimitCheck, sandboxTotals, startAppStack, type AppStack } from '../harness/app-stack';
import { buildWebApp } from '../harness/app-processes';
import { loadHttp, type HttpLoadResult } from '../harness/http-load';
import { startCpuMeter } from '../harness/process-usage';
import { SLOW_STATEMENT_MS } from '../harness/server-log';
import { costliestStatements, statementTotals, totalCalls, type StatementTotals } from '../harness/statement-costs';
import { median, percentile } from '../harness/stats';
import { sleep } from '../harness/wait';
import { check, metric, type BenchContext, type Scenario } from '../scenario';

type WorkflowParameters = {
  workflows: number;
  calls: number;
  /** Concurrent HTTP connections firing the webhook calls (n8n's published figure used 20). */
  connections: number;
  /** One call in this many says "launch", so its run posts to X. */
  launchEvery: number;
  /**
   * Calls sent first, and their runs finished, before anything is measured: the first
   * seconds against freshly started processes (code not yet compiled, connections and
   * prepared statements not yet made) answered at a third of the later rate and were most
   * of the burst's slowest acks. Their own ack times are reported apart.
   */
  warmUpCalls: number;
  /**
   * Then `steadyCalls` calls sent at `steadyRate` calls/s from up to `steadyConnections`
   * connections (an open loop, see `loadHttp`): the acks a sender sees at that rate, rather
   * than the queue the burst's closed loop keeps full at capacity.
   */
  steadyRate: number;
  steadyCalls: number;
  steadyConnections: number;
  /** How long sending, and then waiting for the runs, may each take before being cut short and measured as they stand. */
  capSeconds: number;
  /** Afterwards, calls sent one at a time to a quiet worker: how long one run takes from written to done. */
  singleCalls: number;
  /** How many times the burst and the fixed-rate phase are measured; each figure is the median of these. */
  repeats: number;
};

/**
 * The workflow engine end to end: `workflows` active workflows (webhook → if the text
 * mentions "launch" → post it), each with its own X account; `calls` webhook calls fired
 * at the production web server from `connections` keep-alive connections (`loadHttp`), spread
 * evenly over the workflows; the real worker runs them. `warmUpCalls` go first, and their
 * runs finish, before anything is measured (their acks are reported apart). Ack latency is
 * per call as the load generator saw it; runs/s and time-to-done come from
 * `workflow_runs.finished_at`, counted from the first measured call. After the burst,
 * `steadyCalls` calls at `steadyRate` calls/s measure the acks and the runs' pace at that rate.
 * Burst and fixed-rate phase are measured `repeats` times (`measureRound`); each figure is
 * their median, as the other scenarios' are.
 */
export const workflowsScenario: Scenario<WorkflowParameters> = {
  name: 'workflows',
  full: { workflows: 1_000, calls: 20_000, connections: 20, launchEvery: 4, warmUpCalls: 2_000, steadyRate: 1_000, steadyCalls: 15_000, steadyConnections: 64, capSeconds: 60, singleCalls: 20, repeats: 3 },
  smoke: { workflows: 10, calls: 200, connections: 4, launchEvery: 4, warmUpCalls: 20, steadyRate: 100, steadyCalls: 100, steadyConnections: 8, capSeconds: 120, singleCalls: 3, repeats: 2 },
  async run(context, parameters) {
    context.progress.update('workflows: building the web app (cached when unchanged)');
    const webDir = buildWebApp(context.root);
    context.progress.update(`workflows: creating ${parameters.workflows} workflows`);
    const stack = await startAppStack(context, { label: 'workflows', accounts: parameters.workflows, webDir });
    try {
      const hookPaths = await createWebhookWorkflows(stack);
      const web = await stack.startWebServer();
      const worker = await stack.startWorker();
      // Sends `amount` calls labelled `label`, saying how many have gone; a refusal ends the scenario with the web server's output.
      const fire: Fire = async (label, amount, pace = parameters) => {
        let call = 0;
        const rate = pace.ratePerSecond ? ` at ${pace.ratePerSecond} calls/s` : '';
        const load = await loadHttp({
          url: web.url,
          connections: pace.connections,
          ratePerSecond: pace.ratePerSecond,
          amount,
          durationSeconds: parameters.capSeconds,
          onSent: (sent) => context.progress.update(`workflows: ${label}: ${sent} of ${amount} calls sent${rate}`),
          nextRequest: () => {
            const launch = call % parameters.launchEvery === 0;
            const text = launch ? `${label} ${call}: launch day is here` : `${label} ${call}: nothing to announce`;
            return { method: 'POST', path: hookPaths[call++ % hookPaths.length]!, body: JSON.stringify({ text }), headers: { 'content-type': 'application/json' } };
          },
        });
        if (load.firstRefusal) throw new Error(`workflows: the web app refused a webhook call: ${load.firstRefusal.slice(0, 80)}\n${web.output()}`);
        return load;
      };
      context.progress.update(`workflows: warming up with ${parameters.warmUpCalls} calls`);
      const warmUp = await fire('Warm-up', parameters.warmUpCalls);
      const warmedUp = await waitForRuns(stack, parameters.capSeconds, null, (message) => context.progress.update(`workflows: warming up, ${message}`));
      const before = sandboxTotals(stack.sandbox);
      const rounds: Round[] = [];
      for (let round = 1; round <= parameters.repeats; round++) {
        const previous = rounds.at(-1)?.steady.runs.lastCreatedAt ?? warmedUp.lastCreatedAt;
        rounds.push(await measureRound({ context, parameters, stack, fire, pids: { worker: worker.child.pid, web: web.child.pid }, round, after: previous }));
      }
      const after = sandboxTotals(stack.sandbox);
      context.progress.update(`workflows: ${parameters.singleCalls} calls one at a time`);
      const single = await timeSingleRuns(stack, web.url, hookPaths, parameters.singleCalls);
      const each = <T>(pick: (round: Round) => T) => rounds.map(pick);
      const sum = (pick: (round: Round) => number) => each(pick).reduce((total, value) => total + value, 0);
      const cpuCeilings = each(({ cpuPerRunMs: { web, worker, postgres, bench } }) => (availableParallelism() * 1000) / (web + worker + postgres + bench));
      context.progress.done(`workflows: ${Math.round(median(each((round) => round.runsPerSecond)))} runs/s, ack p99 ${median(each((round) => round.load.p99Ms)).toFixed(0)} ms`);
      const cut = rounds.some((round) => round.runs.cut || round.steady.runs.cut);
      const answered = sum((round) => round.load.requests);
      const created = sum((round) => round.runs.created);
      const launches = sum((round) => round.runs.launches + round.steady.runs.launches);
      return {
        scenario: 'workflows',
        parameters,
        notes: rounds.flatMap((round) => round.notes),
        details: { costliestStatementsInEachBurst: each((round) => round.costliestStatements), databaseErrorsInEachRound: each((round) => round.databaseErrorReports) },
        metrics: [
          metric('warm-up (first calls to the fresh processes): webhook ack p50', 'ms', [warmUp.p50Ms]),
          metric('warm-up: webhook ack p99', 'ms', [warmUp.p99Ms]),
          metric('webhook ack p50', 'ms', each((round) => round.load.p50Ms), { baseline: 'roundTripMs' }),
          metric('webhook ack p99', 'ms', each((round) => round.load.p99Ms), { target: { op: '<=', value: 20 }, baseline: 'roundTripMs' }),
          metric('webhook calls answered', 'calls/s', each((round) => round.load.requestsPerSecond)),
          metric('completed runs', 'runs/s', each((round) => round.runsPerSecond), { target: { op: '>=', value: 1_000 }, baseline: 'jobsPerSecond' }),
          metric('time until all runs done', 's', each((round) => round.elapsedSeconds)),
          metric(`at ${parameters.steadyRate} calls/s (open loop): webhook ack p50`, 'ms', each((round) => round.steady.load.p50Ms)),
          metric(`at ${parameters.steadyRate} calls/s: webhook ack p99`, 'ms', each((round) => round.steady.load.p99Ms), { target: { op: '<=', value: 20 } }),
          metric(`at ${parameters.steadyRate} calls/s: calls answered`, 'calls/s', each((round) => round.steady.load.requestsPerSecond)),
          ...slowCommitMetrics('while sending the burst', each((round) => round.slowCommits)),
          ...slowCommitMetrics(`while sending at ${parameters.steadyRate} calls/s`, each((round) => round.steady.slowCommits)),
          metric(`at ${parameters.steadyRate} calls/s: run written → done p50`, 'ms', each((round) => round.steady.runs.lagP50Ms)),
          metric(`at ${parameters.steadyRate} calls/s: run written → done p99`, 'ms', each((round) => round.steady.runs.lagP99Ms)),
          metric('one call at a time: run written → done p50', 'ms', [percentile(single.latenciesMs, 0.5)]),
          metric('one call at a time: run written → done max', 'ms', [Math.max(...single.latenciesMs)]),
          metric('CPU per run: web server', 'ms', each((round) => round.cpuPerRunMs.web)),
          metric('CPU per run: worker', 'ms', each((round) => round.cpuPerRunMs.worker)),
          metric('CPU per run: PostgreSQL', 'ms', each((round) => round.cpuPerRunMs.postgres)),
          metric('CPU per run: load generator and X sandbox', 'ms', each((round) => round.cpuPerRunMs.bench)),
          metric(`runs/s the ${availableParallelism()} cores could carry at this CPU per run`, 'runs/s', cpuCeilings),
          ...(context.cluster.countsStatements ? [metric('statements', 'per run', each((round) => round.statementsPerRun))] : []),
          metric('transactions', 'per run', each((round) => round.transactionsPerRun)),
        ],
        checks: [
          check(
            'every webhook call was accepted',
            rounds.every((round) => round.load.non2xx === 0 && round.load.errors === 0),
            `${answered} answered, ${sum((round) => round.load.non2xx)} not 2xx, ${sum((round) => round.load.errors)} errors`,
          ),
          check('every warm-up run succeeded', warmedUp.succeeded === warmedUp.created && warmedUp.created >= warmUp.requests && warmUp.non2xx === 0, `${warmedUp.succeeded} of ${warmedUp.created} runs, ${warmUp.requests} calls answered`),
          check(
            'no run failed',
            rounds.every((round) => (round.runs.byStatus.failed ?? 0) === 0),
            [JSON.stringify(each((round) => round.runs.byStatus)), ...rounds.flatMap((round) => round.runs.failures)].join('; '),
          ),
          check(
            `every call at ${parameters.steadyRate} calls/s was accepted and its run succeeded`,
            rounds.every(({ steady }) => steady.load.requests === parameters.steadyCalls && steady.load.non2xx === 0 && steady.load.errors === 0 && steady.runs.succeeded === steady.runs.created && steady.runs.created === parameters.steadyCalls),
            [
              `${sum((round) => round.steady.load.requests)} answered, ${sum((round) => round.steady.load.non2xx)} not 2xx, ${sum((round) => round.steady.load.errors)} errors`,
              `${sum((round) => round.steady.runs.succeeded)} of ${sum((round) => round.steady.runs.created)} runs succeeded`,
              ...rounds.flatMap(({ steady }) => steady.runs.failures),
            ].join('; '),
          ),
          ...(cut
            ? []
            : [
                check('every run succeeded', sum((round) => round.runs.succeeded) === created && created >= answered, `${sum((round) => round.runs.succeeded)} of ${created} runs, ${answered} calls answered`),
                check('the sandbox received each launch post once', after.posts - before.posts === launches, `${after.posts - before.posts} of ${launches}`),
              ]),
          check('every call sent one at a time ran to success', single.failures.length === 0, single.failures.join('; ') || `${single.latenciesMs.length} runs`),
          check('no duplicate sent', after.duplicates === before.duplicates, `${after.duplicates - before.duplicates} duplicates`),
          overLimitCheck('', before, after),
        ],
      };
    } finally {
      await stack.close();
    }
  },
};

/** Sends `amount` webhook calls labelled `label` (in their text too) at the given pace. */
type Fire = (label: string, amount: number, pace?: { connections: number; ratePerSecond?: number }) => Promise<HttpLoadResult>;

type Round = Awaited<ReturnType<typeof measureRound>>;

/**
 * One measured round: the burst, until its runs are done (CPU, statements and
 * transactions per run are over this part), then the fixed-rate phase until its runs are
 * done. Each round starts a new day at X: a round posts 8,750 launches, and X allows an app
 * 10,000 posts a day.
 */
async function measureRound(options: {
  context: BenchContext;
  parameters: WorkflowParameters;
  stack: AppStack;
  fire: Fire;
  pids: { worker: number | undefined; web: number | undefined };
  round: number;
  /** The last run written before this round (`created_at`), so its counts are its own. */
  after: string;
}) {
  const { context, parameters, stack, fire, round } = options;
  const roundName = parameters.repeats > 1 ? `round ${round} of ${parameters.repeats}` : '';
  const name = roundName ? ` (${roundName})` : '';
  await stack.startNewXDayBetweenPhases();
  const cpu = startCpuMeter({ ...options.pids, postmaster: context.cluster.postmasterPid });
  const countersBefore = await databaseCounters(context, 'bench_workflows');
  const started = new Date();
  const load = await fire(`Burst ${round}`, parameters.calls);
  const slowCommits = context.cluster.serverLog?.commitsBetween(started.getTime(), Date.now());
  const runs = await waitForRuns(stack, parameters.capSeconds, options.after, (message) => context.progress.update(`workflows${name}: ${message}`));
  const spent = cpu.stop();
  const elapsedSeconds = ((runs.cut ? runs.at : runs.lastFinishedAt).getTime() - started.getTime()) / 1000;
  const counters = await databaseCounters(context, 'bench_workflows');
  const steadyStarted = Date.now();
  const steady = {
    load: await fire(`Steady ${round}`, parameters.steadyCalls, { connections: parameters.steadyConnections, ratePerSecond: parameters.steadyRate }),
    slowCommits: context.cluster.serverLog?.commitsBetween(steadyStarted, Date.now()),
    runs: await waitForRuns(stack, parameters.capSeconds, runs.lastCreatedAt, (message) => context.progress.update(`workflows${name}: at ${parameters.steadyRate} calls/s, ${message}`)),
  };
  const perRun = (count: number) => (runs.created > 0 ? count / runs.created : 0);
  // The round's errors and their reports, read over one window so the two agree.
  const ended = Date.now();
  const databaseErrors = context.cluster.serverLog?.errorsBetween(started.getTime(), ended) ?? [];
  const databaseErrorReports = context.cluster.serverLog?.errorReportsBetween(started.getTime(), ended) ?? [];
  const notes = [
    ...(databaseErrors.length > 0 ? [`PostgreSQL logged errors while the round ran (their reports are in the JSON's details): ${databaseErrors.slice(0, 5).join('; ')}`] : []),
    ...(load.requests < parameters.calls ? [`sending was cut short after ${parameters.capSeconds} s with ${load.requests.toLocaleString('en-US')} of ${parameters.calls.toLocaleString('en-US')} calls answered`] : []),
    ...(steady.runs.cut ? [`at ${parameters.steadyRate} calls/s, waiting for the runs was cut short ${parameters.capSeconds} s after sending ended, ${steady.runs.finished.toLocaleString('en-US')} of ${steady.runs.created.toLocaleString('en-US')} finished`] : []),
    ...(runs.cut ? [`waiting for the runs was cut short ${parameters.capSeconds} s after sending ended, ${runs.finished.toLocaleString('en-US')} of ${runs.created.toLocaleString('en-US')} finished; runs/s is over the time until then and time-to-done is a lower bound`] : []),
  ].map((note) => (roundName ? `${roundName}: ${note}` : note));
  return {
    load,
    runs,
    steady,
    slowCommits,
    databaseErrorReports,
    elapsedSeconds,
    runsPerSecond: runs.finished / elapsedSeconds,
    // Every process's CPU per run: their sum says how many runs/s the machine's cores could carry at best.
    cpuPerRunMs: { web: perRun(spent.webSeconds * 1000), worker: perRun(spent.workerSeconds * 1000), postgres: perRun(spent.postgresSeconds * 1000), bench: perRun(spent.benchSeconds * 1000) },
    statementsPerRun: perRun(totalCalls(counters.statements) - totalCalls(countersBefore.statements)),
    transactionsPerRun: perRun(counters.transactions - countersBefore.transactions),
    costliestStatements: costliestStatements(countersBefore.statements, counters.statements, runs.created),
    notes,
  };
}

/** One workflow per account: webhook → if the text mentions "launch" → post the text. */
function launchWorkflow(accountId: string) {
  return {
    trigger: { type: 'webhook', params: {} },
    nodes: [
      { id: 'mentionsLaunch', type: 'if', params: { condition: "{{ $contains(trigger.body.text, 'launch') }}" } },
      { id: 'announce', type: 'x.post', params: { accountId, text: '{{ trigger.body.text }}' } },
    ],
    edges: [
      { from: 'trigger', to: 'mentionsLaunch' },
      { from: 'mentionsLaunch', to: 'announce', label: 'true' },
    ],
  };
}

/** Creates and activates the workflows as the API would, a few at a time; returns their webhook paths. */
async function createWebhookWorkflows(stack: AppStack): Promise<string[]> {
  const { db } = stack.database;
  const { workspaceId, userId } = stack.workspace;
  const deps = { ...stack.deps, publicUrl: '' };
  const paths: string[] = [];
  for (let start = 0; start < stack.accounts.length; start += 8) {
    const created = await Promise.all(
      stack.accounts.slice(start, start + 8).map(async (account, offset) => {
        const { workflowId, problems } = await createWorkflow(db, deps, { workspaceId, userId, name: `Launch ${start + offset}`, definition: launchWorkflow(account.id) });
        if (problems.length > 0) throw new Error(`workflows: the bench workflow is invalid: ${JSON.stringify(problems)}`);
        await activateWorkflow(db, deps, { workspaceId, workflowId });
        const workflow = await getWorkflow(db, deps, { workspaceId, workflowId, canEdit: true });
        return workflow.webhook!.url;
      }),
    );
    paths.push(...created);
  }
  return paths;
}

/**
 * Sends `count` launch calls one after another, each only once the previous run is done and
 * the worker has gone quiet: what a person sees when a webhook fires now and then. The time
 * is the run's own, from the inbox writing it (`created_at`) to `finished_at`, both stamped
 * by the database.
 */
async function timeSingleRuns(stack: AppStack, webUrl: string, hookPaths: string[], count: number) {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  for (let call = 0; call < count; call++) {
    // Long enough for the worker's fetch loops to find nothing and go back to waiting.
    await sleep(700);
    const response = await fetch(`${webUrl}${hookPaths[call % hookPaths.length]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `Single call ${call}: launch time` }),
    });
    const { runId } = (await response.json()) as { runId?: string };
    if (response.status !== 202 || !runId) {
      failures.push(`call ${call} answered ${response.status}`);
      continue;
    }
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [run] = await stack.database.db.execute<{ status: string; ms: number | null }>(sql`
        select status, (extract(epoch from finished_at - created_at) * 1000)::float8 as ms from workflow_runs where id = ${runId}::uuid`);
      if (run?.ms != null) {
        if (run.status === 'succeeded') latenciesMs.push(run.ms);
        else failures.push(`run ${call} ended ${run.status}`);
        break;
      }
      if (Date.now() > deadline) {
        failures.push(`run ${call} not done after 10 s`);
        break;
      }
      await sleep(5);
    }
  }
  return { latenciesMs: latenciesMs.length > 0 ? latenciesMs : [Number.NaN], failures };
}

/**
 * Commits that waited longer than `SLOW_STATEMENT_MS` while calls were sent: a webhook call
 * is answered after its batch's commit reaches the disk, so a disk that stalls shows in the
 * ack p99 however fast the code is. Absent when the cluster's log is not ours to read.
 */
function slowCommitMetrics(during: string, rounds: Array<{ count: number; slowestMs: number } | undefined>) {
  const measured = rounds.filter((slow) => slow !== undefined);
  if (measured.length === 0) return [];
  return [
    metric(`commits over ${SLOW_STATEMENT_MS} ms ${during}`, 'commits', measured.map((slow) => slow.count)),
    metric(`slowest commit ${during}`, 'ms', measured.map((slow) => slow.slowestMs)),
  ];
}

/**
 * The database's statements (each one's calls and time, from pg_stat_statements) and
 * transaction count (pg_stat_database) so far, to say what one run costs the database
 * however loaded the machine is. The web server, the worker and the bench's own progress
 * queries all count; the bench's few are lost among a run's.
 */
async function databaseCounters(context: BenchContext, name: string): Promise<{ statements: StatementTotals; transactions: number }> {
  const { admin } = context.cluster;
  // Backends report their counts at most once a second.
  await sleep(1_200);
  const [activity] = await admin<{ transactions: number }[]>`
    select (xact_commit + xact_rollback)::float8 as transactions from pg_stat_database where datname = ${name}`;
  const statements = await statementTotals(admin, name, context.cluster.countsStatements);
  return { statements, transactions: activity?.transactions ?? 0 };
}

/**
 * Waits until every run the calls created (after the run created at `after`, when given)
 * has finished, or `capSeconds` pass. Runs are counted in the database: calls still in
 * flight when sending was cut may have created runs that the load generator never counted
 * as answered. `created_at` is the database's clock, so the two phases never overlap.
 */
async function waitForRuns(stack: AppStack, capSeconds: number, after: string | null, report: (message: string) => void) {
  const deadline = Date.now() + capSeconds * 1000;
  const since = after === null ? sql`true` : sql`created_at > ${after}::timestamptz`;
  const count = async () => {
    const rows = await stack.database.db.execute<{ status: string; count: number }>(sql`select status, count(*)::int as count from workflow_runs where ${since} group by status`);
    const byStatus: Record<string, number> = Object.fromEntries(rows.map((row) => [row.status, row.count]));
    const created = Object.values(byStatus).reduce((sum, runs) => sum + runs, 0);
    const finished = (byStatus.succeeded ?? 0) + (byStatus.failed ?? 0) + (byStatus.skipped ?? 0) + (byStatus.cancelled ?? 0);
    report(`${finished} of ${created} runs finished`);
    return { byStatus, created, finished };
  };
  let counted = await count();
  while (counted.finished < counted.created && Date.now() < deadline) {
    await sleep(500);
    counted = await count();
  }
  const { byStatus, created, finished } = counted;
  const [last] = await stack.database.db.execute<{ at: string; launches: number; lastCreatedAt: string; lagP50: number | null; lagP99: number | null }>(sql`
    select max(finished_at) as at, count(*) filter (where trigger_output->'body'->>'text' like '%launch%')::int as launches,
      to_char(max(created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "lastCreatedAt",
      percentile_cont(0.5) within group (order by extract(epoch from finished_at - created_at)) * 1000 as "lagP50",
      percentile_cont(0.99) within group (order by extract(epoch from finished_at - created_at)) * 1000 as "lagP99"
    from workflow_runs where ${since}`);
  // Why runs failed, so a failed check says what to look for, not only how many.
  const failures = (byStatus.failed ?? 0) === 0 ? [] : await stack.database.db.execute<{ error: string | null; runs: number }>(sql`
    select error, count(*)::int as runs from workflow_runs where status = 'failed' and ${since} group by error order by runs desc limit 3`);
  return {
    byStatus,
    failures: failures.map(({ error, runs }) => `${runs} × ${error ?? 'no error recorded'}`),
    created,
    finished,
    succeeded: byStatus.succeeded ?? 0,
    launches: last!.launches,
    cut: finished < created,
    at: new Date(),
    lastFinishedAt: new Date(last!.at),
    lastCreatedAt: last!.lastCreatedAt,
    /** Each run's time from written to done, by the database's clock (runs not finished are left out). */
    lagP50Ms: Number(last!.lagP50 ?? Number.NaN),
    lagP99Ms: Number(last!.lagP99 ?? Number.NaN),
  };
}
