import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import type { Detection, DetectorInput, Observation } from './observation';

/**
 * Workflow runs that failed since the last check (dry runs aside), one incident per
 * workflow, counted per failed run, over once a later run of it succeeds.
 *
 * @example
 * const detection = await detectWorkflowFailures(db, input);
 */
export async function detectWorkflowFailures(db: Executor, input: DetectorInput): Promise<Detection> {
  const failed = await db.execute<{ workflow_id: string; name: string; runs: number; error: string | null }>(sql`
    select w.id as workflow_id, w.name, count(*)::int as runs, (array_agg(r.error order by r.finished_at desc))[1] as error
    from workflow_runs r join workflows w on w.id = r.workflow_id
    where r.workspace_id = ${input.workspaceId} and r.status = 'failed' and not r.dry_run
      and r.finished_at > ${input.since.toISOString()}::timestamptz and r.finished_at <= ${input.now.toISOString()}::timestamptz
    group by w.id, w.name
  `);
  const observations: Observation[] = failed.map((row) => ({
    key: `workflow:${row.workflow_id}`,
    title: `Workflow “${row.name}” failed`,
    body: `${row.runs === 1 ? 'A run' : `${row.runs} runs`} failed${row.error ? `: ${row.error}` : '.'}`,
    link: `/app/workflows/${row.workflow_id}`,
    occurrences: row.runs,
    detail: { workflowId: row.workflow_id },
  }));
  const recovered = await db.execute<{ key: string }>(sql`
    select incident.key from jsonb_to_recordset(${JSON.stringify(input.open.map((open) => ({ key: open.key, workflow: open.detail.workflowId, since: open.lastSeenAt })))}::jsonb)
      as incident(key text, workflow uuid, since timestamptz)
    where exists (select 1 from workflow_runs r where r.workflow_id = incident.workflow and r.status = 'succeeded' and r.finished_at > incident.since)
  `);
  return { observations, resolvedKeys: recovered.map((row) => row.key) };
}
