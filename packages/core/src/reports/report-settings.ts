import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { reportSettings, type Executor } from '@tweetflow/db';

export const reportSettingsInputSchema = z.object({
  daily: z.boolean(),
  weekly: z.boolean(),
  sendHour: z.number().int().min(0, { error: 'must be an hour from 0 to 23' }).max(23, { error: 'must be an hour from 0 to 23' }),
  email: z.boolean(),
});

export type ReportSettings = z.output<typeof reportSettingsInputSchema>;

/** A workspace that never chose gets a weekly report on Monday at 08:00, by email too. */
export const DEFAULT_REPORT_SETTINGS: ReportSettings = { daily: false, weekly: true, sendHour: 8, email: true };

/**
 * The workspace's report settings (the defaults until someone changes them).
 *
 * @example
 * const { weekly, sendHour } = await getReportSettings(db, workspaceId);
 */
export async function getReportSettings(db: Executor, workspaceId: string): Promise<ReportSettings> {
  const [row] = await db.select().from(reportSettings).where(eq(reportSettings.workspaceId, workspaceId));
  return row ? { daily: row.daily, weekly: row.weekly, sendHour: row.sendHour, email: row.email } : DEFAULT_REPORT_SETTINGS;
}

/**
 * Saves the workspace's report settings.
 *
 * @example
 * await saveReportSettings(db, clock.now(), workspaceId, { daily: true, weekly: true, sendHour: 9, email: false });
 */
export async function saveReportSettings(db: Executor, now: Date, workspaceId: string, settings: ReportSettings): Promise<ReportSettings> {
  await db
    .insert(reportSettings)
    .values({ workspaceId, ...settings, updatedAt: now })
    .onConflictDoUpdate({ target: reportSettings.workspaceId, set: { ...settings, updatedAt: now } });
  return settings;
}
