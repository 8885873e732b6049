import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Executor } from '@tweetflow/db';
import { QUEUES } from '../queue/queues';
import type { ReportKind } from './report-period';
import { DEFAULT_REPORT_SETTINGS } from './report-settings';

export type ReportJobData = { workspaceId: string; kind: ReportKind };

/** One pg-boss schedule per workspace and kind, keyed so each can change on its own. */
function scheduleKey(workspaceId: string, kind: ReportKind): string {
  return `${workspaceId}.${kind}`;
}

/**
 * Puts every workspace's report schedules in line with its settings and timezone: a daily
 * report at the chosen local hour, a weekly one on Mondays at that hour, both evaluated by
 * pg-boss in the workspace's zone (so DST moves them with the clocks). Workspaces without
 * an X account get none. Returns how many schedules are active.
 *
 * @example
 * await syncReportSchedules(db, boss);
 */
export async function syncReportSchedules(db: Executor, boss: PgBoss): Promise<number> {
  const rows = await db.execute<{ id: string; timezone: string; daily: boolean | null; weekly: boolean | null; send_hour: number | null; accounts: number }>(sql`
    select w.id, w.timezone, s.daily, s.weekly, s.send_hour, (select count(*)::int from x_accounts a where a.workspace_id = w.id) as accounts
    from workspaces w left join report_settings s on s.workspace_id = w.id
  `);
  const wanted = new Map<string, { cron: string; timezone: string; data: ReportJobData }>();
  for (const row of rows) {
    if (row.accounts === 0) continue;
    const hour = row.send_hour ?? DEFAULT_REPORT_SETTINGS.sendHour;
    if (row.daily ?? DEFAULT_REPORT_SETTINGS.daily) wanted.set(scheduleKey(row.id, 'daily'), { cron: `0 ${hour} * * *`, timezone: row.timezone, data: { workspaceId: row.id, kind: 'daily' } });
    if (row.weekly ?? DEFAULT_REPORT_SETTINGS.weekly) wanted.set(scheduleKey(row.id, 'weekly'), { cron: `0 ${hour} * * 1`, timezone: row.timezone, data: { workspaceId: row.id, kind: 'weekly' } });
  }
  const active = wanted.size;
  const existing = await boss.getSchedules(QUEUES.sendReport, undefined, { limit: 100_000 });
  for (const schedule of existing) {
    const want = wanted.get(schedule.key);
    if (!want) await boss.unschedule(QUEUES.sendReport, schedule.key);
    else if (want.cron === schedule.cron && want.timezone === schedule.timezone) wanted.delete(schedule.key);
  }
  for (const [key, want] of wanted) await boss.schedule(QUEUES.sendReport, want.cron, want.data, { tz: want.timezone, key });
  return active;
}
