import type { Job } from 'pg-boss';
import { QUEUES, type Runtime } from '@tweetflow/core';
import { deliverEmail, emailDeps, type EmailJobData } from '@tweetflow/core/email';
import {
  analyticsDeps,
  collectAccountMetrics,
  collectCompetitor,
  collectPostMetrics,
  enqueueDueCollections,
  type CollectionJobData,
  type CompetitorJobData,
} from '@tweetflow/core/analytics';
import { evaluateAlerts, postAlertWebhook, type AlertWebhookJobData } from '@tweetflow/core/alerts';
import { generateReport, syncReportSchedules, type ReportJobData } from '@tweetflow/core/reports';
import { BACKGROUND_POLLING } from './background-polling';

/** How often alert rules are checked: every 30 seconds (pg-boss cron with a seconds field). */
const ALERTS_CRON = '*/30 * * * * *';

/**
 * Analytics, reports, alerts and email. The tick runs every minute and only enqueues;
 * collection jobs are keyed per account, so one slow account never holds up the others.
 */
export async function registerAnalyticsHandlers(runtime: Runtime): Promise<void> {
  const { boss, db, clock, logger, config } = runtime;
  const analytics = analyticsDeps(config, runtime.xAccounts);
  const email = emailDeps(config, boss, clock);
  const withUrl = { ...email, publicUrl: config.publicUrl };

  await boss.work(QUEUES.analyticsTick, BACKGROUND_POLLING, async () => enqueueDueCollections(db, boss, clock.now()));
  await boss.schedule(QUEUES.analyticsTick, '* * * * *', {}, { tz: 'UTC' });

  await boss.work<CollectionJobData>(QUEUES.collectPostMetrics, BACKGROUND_POLLING, async ([job]) => {
    const outcome = await collectPostMetrics(db, analytics, job!.data.accountId);
    // Out of the analytics share of the window: come back when it resets, not at every tick.
    if (outcome.deferredUntil) await boss.send(QUEUES.collectPostMetrics, job!.data, { singletonKey: job!.data.accountId, startAfter: outcome.deferredUntil });
    return outcome;
  });
  await boss.work<CollectionJobData>(QUEUES.collectAccountMetrics, BACKGROUND_POLLING, async ([job]) => collectAccountMetrics(db, analytics, job!.data.accountId));
  await boss.work<CompetitorJobData>(QUEUES.collectCompetitor, BACKGROUND_POLLING, async ([job]) => collectCompetitor(db, analytics, job!.data.competitorId));

  await boss.work(QUEUES.evaluateAlerts, BACKGROUND_POLLING, async () => evaluateAlerts(db, withUrl));
  await boss.schedule(QUEUES.evaluateAlerts, ALERTS_CRON, {}, { tz: 'UTC' });
  await boss.work<AlertWebhookJobData>(QUEUES.deliverAlertWebhook, async ([job]: Job<AlertWebhookJobData>[]) => {
    await postAlertWebhook(job!.data.url, job!.data.text, runtime.config.HTTP_ALLOWED_HOSTS);
  });
  await boss.work<EmailJobData>(QUEUES.sendEmail, async ([job]) => ({ outcome: await deliverEmail(db, email, job!.data.emailId) }));

  await boss.work<ReportJobData>(QUEUES.sendReport, BACKGROUND_POLLING, async ([job]) => {
    const report = await generateReport(db, withUrl, job!.data);
    return { reportId: report?.id ?? null };
  });
  await boss.work(QUEUES.syncReportSchedules, BACKGROUND_POLLING, async () => ({ schedules: await syncReportSchedules(db, boss) }));
  // New workspaces, accounts and timezone changes are picked up hourly (settings changes at once).
  await boss.schedule(QUEUES.syncReportSchedules, '5 * * * *', {}, { tz: 'UTC' });
  await boss.send(QUEUES.syncReportSchedules, {});
  logger.debug('analytics, reports and alerts handlers ready');
}
