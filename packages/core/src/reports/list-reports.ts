import { and, desc, eq } from 'drizzle-orm';
import { reports, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';

/**
 * The workspace's reports, newest first, without their figures.
 *
 * @example
 * const latest = await listReports(db, workspaceId, 30);
 */
export async function listReports(db: Executor, workspaceId: string, limit: number) {
  return db
    .select({ id: reports.id, kind: reports.kind, label: reports.label, periodStart: reports.periodStart, periodEnd: reports.periodEnd, createdAt: reports.createdAt })
    .from(reports)
    .where(eq(reports.workspaceId, workspaceId))
    .orderBy(desc(reports.periodStart), desc(reports.createdAt))
    .limit(limit);
}

/**
 * One report with its figures.
 *
 * @example
 * const report = await getReport(db, { workspaceId, reportId });
 */
export async function getReport(db: Executor, input: { workspaceId: string; reportId: string }) {
  const [report] = await db.select().from(reports).where(and(eq(reports.id, input.reportId), eq(reports.workspaceId, input.workspaceId)));
  if (!report) throw new DomainError('not_found', 'That report does not exist in this workspace.');
  return report;
}
