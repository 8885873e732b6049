import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import { engagementRate } from '../engagement';

export type WorkflowPerformance = {
  workflowId: string;
  name: string;
  runs: number;
  succeeded: number;
  failed: number;
  /** succeeded ÷ finished runs; null when none finished. */
  successRate: number | null;
  /** Posts the workflow's runs published in the period, and what they earned. */
  posts: number;
  impressions: number;
  engagements: number;
  engagementRate: number | null;
};

/**
 * Per workflow: runs started in the period (dry runs left out) and how they ended, and the
 * posts its publish steps made (a step keeps the post it created in its state) with their
 * latest figures.
 *
 * @example
 * const rows = await workflowPerformance(db, workspaceId, range.start, range.end);
 */
export async function workflowPerformance(db: Executor, workspaceId: string, start: Date, end: Date): Promise<WorkflowPerformance[]> {
  const from = start.toISOString();
  const until = end.toISOString();
  const rows = await db.execute<Omit<WorkflowPerformance, 'successRate' | 'engagementRate'>>(sql`
    with runs as (
      select r.workflow_id,
        count(*)::int as runs,
        count(*) filter (where r.status = 'succeeded')::int as succeeded,
        count(*) filter (where r.status = 'failed')::int as failed
      from workflow_runs r
      where r.workspace_id = ${workspaceId} and not r.dry_run and r.created_at >= ${from}::timestamptz and r.created_at < ${until}::timestamptz
      group by r.workflow_id
    ), produced as (
      select distinct r.workflow_id, (s.state->>'postId')::uuid as post_id
      from workflow_steps s
      join workflow_runs r on r.id = s.run_id
      where r.workspace_id = ${workspaceId} and not r.dry_run
        and s.state->>'postId' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    ), earned as (
      select produced.workflow_id, count(distinct p.id)::int as posts,
        coalesce(sum(t.impressions), 0)::int as impressions, coalesce(sum(t.engagements), 0)::int as engagements
      from produced
      join posts p on p.id = produced.post_id and p.published_at >= ${from}::timestamptz and p.published_at < ${until}::timestamptz
      left join post_items i on i.post_id = p.id
      left join tracked_posts t on t.post_item_id = i.id
      group by produced.workflow_id
    )
    select w.id as "workflowId", w.name,
      coalesce(runs.runs, 0) as runs, coalesce(runs.succeeded, 0) as succeeded, coalesce(runs.failed, 0) as failed,
      coalesce(earned.posts, 0) as posts, coalesce(earned.impressions, 0) as impressions, coalesce(earned.engagements, 0) as engagements
    from workflows w
    left join runs on runs.workflow_id = w.id
    left join earned on earned.workflow_id = w.id
    where w.workspace_id = ${workspaceId}
    order by coalesce(runs.runs, 0) desc, w.name
  `);
  return rows.map((row) => {
    const finished = row.succeeded + row.failed;
    return { ...row, successRate: finished > 0 ? row.succeeded / finished : null, engagementRate: engagementRate(row.engagements, row.impressions) };
  });
}
