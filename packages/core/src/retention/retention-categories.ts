import { and, eq, inArray, lt } from 'drizzle-orm';
import {
  accountMetricSnapshots,
  auditEntries,
  competitorSnapshots,
  competitors,
  postMetricSnapshots,
  trackedPosts,
  workflowRuns,
  xAccounts,
  type Executor,
} from '@tweetflow/db';

/**
 * One kind of history a workspace can keep for a limited time. `purge` deletes the
 * workspace's entries from before `cutoff` and returns how many went. To put another kind
 * of history under a retention setting, add an entry here: the settings page, the API and
 * the daily job all read this list.
 */
export type RetentionCategory = {
  key: string;
  label: string;
  description: string;
  /** Days kept when the workspace has not chosen; 0 keeps everything. */
  defaultDays: number;
  purge(db: Executor, workspaceId: string, cutoff: Date): Promise<number>;
};

export const RETENTION_CATEGORIES: readonly RetentionCategory[] = [
  {
    key: 'workflow_runs',
    label: 'Workflow run logs',
    description: 'Finished runs with each step’s input and output. Runs still going are never removed.',
    defaultDays: 90,
    async purge(db, workspaceId, cutoff) {
      // finished_at is null while a run is going, and null < cutoff is not true.
      const removed = await db
        .delete(workflowRuns)
        .where(and(eq(workflowRuns.workspaceId, workspaceId), lt(workflowRuns.finishedAt, cutoff)))
        .returning({ id: workflowRuns.id });
      return removed.length;
    },
  },
  {
    key: 'metric_snapshots',
    label: 'Metric snapshots',
    description: 'The time series behind growth curves: post, account and competitor figures. Latest figures stay.',
    defaultDays: 730,
    async purge(db, workspaceId, cutoff) {
      const posts = db.select({ id: trackedPosts.id }).from(trackedPosts).where(eq(trackedPosts.workspaceId, workspaceId));
      const accounts = db.select({ id: xAccounts.id }).from(xAccounts).where(eq(xAccounts.workspaceId, workspaceId));
      const rivals = db.select({ id: competitors.id }).from(competitors).where(eq(competitors.workspaceId, workspaceId));
      const postRows = await db
        .delete(postMetricSnapshots)
        .where(and(inArray(postMetricSnapshots.trackedPostId, posts), lt(postMetricSnapshots.capturedAt, cutoff)))
        .returning({ id: postMetricSnapshots.id });
      const accountRows = await db
        .delete(accountMetricSnapshots)
        .where(and(inArray(accountMetricSnapshots.xAccountId, accounts), lt(accountMetricSnapshots.capturedAt, cutoff)))
        .returning({ id: accountMetricSnapshots.id });
      const rivalRows = await db
        .delete(competitorSnapshots)
        .where(and(inArray(competitorSnapshots.competitorId, rivals), lt(competitorSnapshots.capturedAt, cutoff)))
        .returning({ id: competitorSnapshots.id });
      return postRows.length + accountRows.length + rivalRows.length;
    },
  },
  {
    key: 'audit_entries',
    label: 'Audit log',
    description: 'Who did what and when in this workspace.',
    defaultDays: 365,
    async purge(db, workspaceId, cutoff) {
      const removed = await db
        .delete(auditEntries)
        .where(and(eq(auditEntries.workspaceId, workspaceId), lt(auditEntries.createdAt, cutoff)))
        .returning({ id: auditEntries.id });
      return removed.length;
    },
  },
];

export function findRetentionCategory(key: string): RetentionCategory | undefined {
  return RETENTION_CATEGORIES.find((category) => category.key === key);
}
