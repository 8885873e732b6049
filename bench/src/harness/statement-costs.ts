import type postgres from 'postgres';

/** Each statement's running totals in one database, by `pg_stat_statements`' query id. */
export type StatementTotals = Map<string, { query: string; calls: number; ms: number }>;

export type StatementCost = {
  /** The statement's text as PostgreSQL normalised it, shortened. */
  statement: string;
  /** Planning and execution time per run of the phase, in ms. */
  msPerRun: number;
  callsPerRun: number;
};

const SHOWN_LENGTH = 160;

/**
 * Every statement's calls and time so far in `database` (planning included), or an empty
 * map when the cluster does not load `pg_stat_statements`.
 *
 * @example
 * const before = await statementTotals(cluster.admin, 'bench_workflows', cluster.countsStatements);
 */
export async function statementTotals(admin: postgres.Sql, database: string, counted: boolean): Promise<StatementTotals> {
  if (!counted) return new Map();
  const rows = await admin<{ queryid: string; query: string; calls: number; ms: number }[]>`
    select s.queryid::text as queryid, min(s.query) as query, sum(s.calls)::float8 as calls, sum(s.total_exec_time + s.total_plan_time)::float8 as ms
    from pg_stat_statements s join pg_database d on d.oid = s.dbid
    where d.datname = ${database}
    group by s.queryid`;
  return new Map(rows.map((row) => [row.queryid, { query: row.query, calls: row.calls, ms: row.ms }]));
}

/**
 * How many statements ran in all, by these totals.
 *
 * @example
 * const statements = totalCalls(after) - totalCalls(before);
 */
export function totalCalls(totals: StatementTotals): number {
  let calls = 0;
  for (const statement of totals.values()) calls += statement.calls;
  return calls;
}

/**
 * The statements that took PostgreSQL the most time between two readings, per run: what
 * to look at first when a round's PostgreSQL CPU per run jumps (one round of
 * `pnpm bench workflows` once drained at a fifth of the usual rate with ten times the
 * CPU per run and the usual number of statements, a plan gone bad, and nothing said
 * which).
 *
 * @example
 * const costliest = costliestStatements(before, after, 20_000);
 */
export function costliestStatements(before: StatementTotals, after: StatementTotals, runs: number, count = 5): StatementCost[] {
  if (runs <= 0) return [];
  const spent = [...after].map(([queryid, totals]) => {
    const earlier = before.get(queryid);
    return { query: totals.query, ms: totals.ms - (earlier?.ms ?? 0), calls: totals.calls - (earlier?.calls ?? 0) };
  });
  return spent
    .filter((statement) => statement.calls > 0)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map((statement) => ({
      statement: shorten(statement.query),
      msPerRun: statement.ms / runs,
      callsPerRun: statement.calls / runs,
    }));
}

function shorten(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim();
  return oneLine.length > SHOWN_LENGTH ? `${oneLine.slice(0, SHOWN_LENGTH - 1)}…` : oneLine;
}
