import { and, eq, sql } from 'drizzle-orm';
import { competitorApiUsage, type Executor } from '@tweetflow/db';

/** Calls one competitor's daily read makes: its profile and one page of its posts. */
export const CALLS_PER_COMPETITOR_READ = 2;

/** The UTC day an instant falls on, as the usage table keys it. */
function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Takes `calls` calls (all or none) from the workspace's daily competitor budget; false when
 * fewer than that are left. One statement, so concurrent reads cannot overspend it.
 *
 * @example
 * if (!(await takeCompetitorCalls(db, workspaceId, 60, clock.now(), 2))) return 'budget used up';
 */
export async function takeCompetitorCalls(db: Executor, workspaceId: string, dailyCalls: number, now: Date, calls = 1): Promise<boolean> {
  if (calls > dailyCalls) return false;
  const taken = await db
    .insert(competitorApiUsage)
    .values({ workspaceId, day: utcDay(now), calls })
    .onConflictDoUpdate({
      target: [competitorApiUsage.workspaceId, competitorApiUsage.day],
      set: { calls: sql`${competitorApiUsage.calls} + ${calls}` },
      setWhere: sql`${competitorApiUsage.calls} + ${calls} <= ${dailyCalls}`,
    })
    .returning({ calls: competitorApiUsage.calls });
  return taken.length > 0;
}

/**
 * Calls used today out of the daily budget, for the competitors page.
 *
 * @example
 * await competitorBudgetToday(db, workspaceId, 60, clock.now()); // { used: 12, limit: 60 }
 */
export async function competitorBudgetToday(db: Executor, workspaceId: string, dailyCalls: number, now: Date): Promise<{ used: number; limit: number }> {
  const [row] = await db
    .select({ calls: competitorApiUsage.calls })
    .from(competitorApiUsage)
    .where(and(eq(competitorApiUsage.workspaceId, workspaceId), eq(competitorApiUsage.day, utcDay(now))));
  return { used: row?.calls ?? 0, limit: dailyCalls };
}

/**
 * The next UTC midnight, when the daily budget starts over.
 *
 * @example
 * nextBudgetDay(new Date('2026-03-02T15:00:00Z')); // 2026-03-03T00:00:00Z
 */
export function nextBudgetDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
