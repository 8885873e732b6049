import { retentionPolicies, workspaces, type Executor } from '@tweetflow/db';
import { RETENTION_CATEGORIES } from './retention-categories';

const DAY_MS = 86_400_000;

/**
 * The daily clean-up: for every workspace and every kind of history, deletes what is
 * older than the workspace keeps. Returns how many entries went per category.
 *
 * @example
 * const removed = await enforceRetention(db, clock.now()); // { workflow_runs: 120, metric_snapshots: 0, audit_entries: 3 }
 */
export async function enforceRetention(db: Executor, now: Date): Promise<Record<string, number>> {
  const all = await db.select({ id: workspaces.id }).from(workspaces);
  const policies = await db.select().from(retentionPolicies);
  const removed: Record<string, number> = Object.fromEntries(RETENTION_CATEGORIES.map(({ key }) => [key, 0]));
  for (const { id: workspaceId } of all) {
    for (const category of RETENTION_CATEGORIES) {
      const days = policies.find((p) => p.workspaceId === workspaceId && p.category === category.key)?.days ?? category.defaultDays;
      if (days === 0) continue;
      removed[category.key]! += await category.purge(db, workspaceId, new Date(now.getTime() - days * DAY_MS));
    }
  }
  return removed;
}
