import { describe, expect, it } from 'vitest';
import { costliestStatements, totalCalls, type StatementTotals } from './statement-costs';

const totals = (entries: Array<[string, string, number, number]>): StatementTotals =>
  new Map(entries.map(([queryid, query, calls, ms]) => [queryid, { query, calls, ms }]));

describe('costliestStatements', () => {
  it('ranks the statements by the time they took between the readings, per run', () => {
    const before = totals([
      ['1', 'update workflow_runs set status = $1', 100, 900],
      ['2', 'select 1', 10, 1],
    ]);
    const after = totals([
      // Most time in total, but most of it before the phase.
      ['1', 'update workflow_runs set status = $1', 140, 1_000],
      ['2', 'select 1', 20, 2],
      ['3', 'with checkpoint as (\n  select *\n  from json_to_recordset($1::json)\n)', 50, 400],
    ]);
    expect(costliestStatements(before, after, 200)).toEqual([
      { statement: 'with checkpoint as ( select * from json_to_recordset($1::json) )', msPerRun: 2, callsPerRun: 0.25 },
      { statement: 'update workflow_runs set status = $1', msPerRun: 0.5, callsPerRun: 0.2 },
      { statement: 'select 1', msPerRun: 0.005, callsPerRun: 0.05 },
    ]);
    expect(totalCalls(after) - totalCalls(before)).toEqual(100);
  });

  it('leaves out statements not called in the phase, keeps the costliest few, and shortens long texts', () => {
    const before = totals([['idle', 'listen tweetflow', 1, 0.1]]);
    const after = totals([
      ['idle', 'listen tweetflow', 1, 0.1],
      ...Array.from({ length: 8 }, (_, index): [string, string, number, number] => [`q${index}`, `select ${'x, '.repeat(100)}${index}`, 1, index]),
    ]);
    const costliest = costliestStatements(before, after, 1, 3);
    expect(costliest.map((cost) => cost.msPerRun)).toEqual([7, 6, 5]);
    expect(costliest[0]!.statement).toHaveLength(160);
    expect(costliest[0]!.statement.endsWith('…')).toBe(true);
    expect(costliestStatements(before, after, 0)).toEqual([]);
  });
});
