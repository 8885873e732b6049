import { and, desc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { workflowRuns, workflowSteps, type Executor } from '@tweetflow/db';
import type { WorkflowDeps } from '../workflow-deps';
import { findWorkflow } from '../manage/workflow-access';

export type WorkflowInsights = {
  days: number;
  /** Every local day (in `timezone`) the period touches, oldest first, with no gaps. */
  daily: Array<{ day: string; runs: number; succeeded: number; failed: number }>;
  runs: number;
  succeeded: number;
  failed: number;
  /** Succeeded ÷ finished (succeeded + failed); null without finished runs. */
  successRate: number | null;
  medianMs: number | null;
  p95Ms: number | null;
  /** Per node, slowest (by median) first: how long its steps took and how often they failed. */
  nodes: Array<{ nodeId: string; steps: number; medianMs: number; p95Ms: number; failed: number }>;
};

const DAY_MS = 86_400_000;

/**
 * How a workflow performed over the last `days` (live runs only; dry runs are tests):
 * runs per day in the workspace's zone, success rate, median and p95 run duration, and
 * each node's step durations so the slowest stands out. Percentiles come from Postgres
 * (`percentile_cont`), so no run data crosses the wire.
 *
 * @example
 * const insights = await workflowInsights(db, clock, { workspaceId, workflowId, days: 30, timezone: 'Europe/Berlin' });
 * insights.nodes[0]; // { nodeId: 'fetch', steps: 120, medianMs: 840, p95Ms: 2300, failed: 3 }
 */
export async function workflowInsights(
  db: Executor,
  clock: WorkflowDeps['clock'],
  input: { workspaceId: string; workflowId: string; days: number; timezone: string },
): Promise<WorkflowInsights> {
  await findWorkflow(db, input.workspaceId, input.workflowId);
  const since = new Date(clock.now().getTime() - input.days * DAY_MS);
  const inPeriod = and(eq(workflowRuns.workflowId, input.workflowId), eq(workflowRuns.dryRun, false), gte(workflowRuns.createdAt, since));
  const localDay = sql<string>`to_char(${workflowRuns.createdAt} at time zone ${input.timezone}, 'YYYY-MM-DD')`;
  const runMs = sql`extract(epoch from (${workflowRuns.finishedAt} - ${workflowRuns.startedAt})) * 1000`;
  const stepMs = sql`extract(epoch from (${workflowSteps.finishedAt} - ${workflowSteps.startedAt})) * 1000`;
  const stepMedian = sql<number>`percentile_cont(0.5) within group (order by ${stepMs})`;

  const [perDay, [durations], perNode] = await Promise.all([
    db
      .select({
        day: localDay,
        runs: sql<number>`count(*)::int`,
        succeeded: sql<number>`(count(*) filter (where ${workflowRuns.status} = 'succeeded'))::int`,
        failed: sql<number>`(count(*) filter (where ${workflowRuns.status} = 'failed'))::int`,
      })
      .from(workflowRuns)
      .where(inPeriod)
      // By position: the zone is a bound parameter, so repeating the expression would not match it.
      .groupBy(sql`1`),
    db
      .select({
        medianMs: sql<number | null>`percentile_cont(0.5) within group (order by ${runMs})`,
        p95Ms: sql<number | null>`percentile_cont(0.95) within group (order by ${runMs})`,
      })
      .from(workflowRuns)
      .where(and(inPeriod, isNotNull(workflowRuns.startedAt), isNotNull(workflowRuns.finishedAt))),
    db
      .select({
        nodeId: workflowSteps.nodeId,
        steps: sql<number>`count(*)::int`,
        medianMs: stepMedian,
        p95Ms: sql<number>`percentile_cont(0.95) within group (order by ${stepMs})`,
        failed: sql<number>`(count(*) filter (where ${workflowSteps.status} = 'failed'))::int`,
      })
      .from(workflowSteps)
      .innerJoin(workflowRuns, eq(workflowRuns.id, workflowSteps.runId))
      .where(and(inPeriod, isNotNull(workflowSteps.finishedAt)))
      .groupBy(workflowSteps.nodeId)
      .orderBy(desc(stepMedian)),
  ]);

  const counted = new Map(perDay.map((row) => [row.day, row]));
  const daily = periodDays(clock.now(), input.days, input.timezone).map((day) => counted.get(day) ?? { day, runs: 0, succeeded: 0, failed: 0 });
  const runs = perDay.reduce((sum, row) => sum + row.runs, 0);
  const succeeded = perDay.reduce((sum, row) => sum + row.succeeded, 0);
  const failed = perDay.reduce((sum, row) => sum + row.failed, 0);
  return {
    days: input.days,
    daily,
    runs,
    succeeded,
    failed,
    successRate: succeeded + failed > 0 ? succeeded / (succeeded + failed) : null,
    medianMs: roundOrNull(durations?.medianMs),
    p95Ms: roundOrNull(durations?.p95Ms),
    nodes: perNode.map((row) => ({ ...row, medianMs: Math.round(Number(row.medianMs)), p95Ms: Math.round(Number(row.p95Ms)) })),
  };
}

/** The local dates (YYYY-MM-DD) of the last `days` days up to today, in the zone. */
function periodDays(now: Date, days: number, timezone: string): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const result: string[] = [];
  for (let offset = days; offset >= 0; offset--) {
    const day = format.format(new Date(now.getTime() - offset * DAY_MS));
    if (result.at(-1) !== day) result.push(day);
  }
  return result;
}

function roundOrNull(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value));
}
