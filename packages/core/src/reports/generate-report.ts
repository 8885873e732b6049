import { and, eq } from 'drizzle-orm';
import { reports, workspaces, type Executor } from '@tweetflow/db';
import { analyticsOverview, type AnalyticsOverview } from '../analytics/reporting/analytics-overview';
import { analyticsRange } from '../analytics/reporting/analytics-range';
import type { EmailDeps } from '../email/email-deps';
import { queueEmail, workspaceRecipients } from '../email/outbox';
import { reportEmail } from './report-email';
import { reportDays, reportLabel, type ReportKind } from './report-period';
import { getReportSettings } from './report-settings';

/** What a report keeps: the overview without its long post list. */
export type ReportFigures = Pick<AnalyticsOverview, 'range' | 'formula' | 'current' | 'previous' | 'change' | 'daily' | 'accounts'> & {
  top: AnalyticsOverview['top'];
};

export type ReportDeps = EmailDeps & { publicUrl: string };

/** How many top posts a report names. */
const TOP_POSTS = 3;

/**
 * Builds the workspace's daily or weekly report for the period that just ended in its
 * timezone, stores it, and emails it to owners and editors when the workspace wants email.
 * A report already made for that period is returned as it is, so a retried job never
 * emails twice.
 *
 * @example
 * const report = await generateReport(db, deps, { workspaceId, kind: 'weekly' });
 */
export async function generateReport(db: Executor, deps: ReportDeps, input: { workspaceId: string; kind: ReportKind }) {
  const [workspace] = await db.select({ name: workspaces.name, timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, input.workspaceId));
  if (!workspace) return null;
  const days = reportDays(input.kind, deps.clock.now(), workspace.timezone);
  const range = analyticsRange(days.from, days.to, workspace.timezone);
  const { posts: _posts, bottom: _bottom, top, ...overview } = await analyticsOverview(db, { workspaceId: input.workspaceId }, range);
  const figures: ReportFigures = { ...overview, top: top.slice(0, TOP_POSTS) };
  const label = reportLabel(input.kind, days.from);

  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(reports)
      .values({ workspaceId: input.workspaceId, kind: input.kind, periodStart: range.start, periodEnd: range.end, timezone: workspace.timezone, label, figures })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [existing] = await tx
        .select()
        .from(reports)
        .where(and(eq(reports.workspaceId, input.workspaceId), eq(reports.kind, input.kind), eq(reports.periodStart, range.start)));
      return existing ?? null;
    }
    if ((await getReportSettings(tx, input.workspaceId)).email) {
      const email = reportEmail({ workspaceName: workspace.name, label, kind: input.kind, figures, url: `${deps.publicUrl}/app/analytics/reports/${created.id}` });
      await queueEmail(tx, deps, { workspaceId: input.workspaceId, kind: `report.${input.kind}`, to: await workspaceRecipients(tx, input.workspaceId), ...email });
    }
    return created;
  });
}
