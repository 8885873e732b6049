/**
 * The queues of analytics, reports and alerts, merged into `QUEUES` (see queues.ts).
 * Collection queues are `stately` with the account (or competitor) as singleton key: at
 * most one job per account waits and one runs, however often the tick fires.
 */
export const ANALYTICS_QUEUES = {
  /** Every minute: enqueues the metrics collections, competitor reads that are due. */
  analyticsTick: 'analytics.tick',
  /** Reads due post metrics of one account (`{ accountId }`). */
  collectPostMetrics: 'analytics.post-metrics',
  /** Reads one account's audience and timeline, daily (`{ accountId }`). */
  collectAccountMetrics: 'analytics.account-metrics',
  /** Reads one competitor's profile and recent posts, daily (`{ competitorId }`). */
  collectCompetitor: 'analytics.competitor',
  /** Builds and sends a workspace's daily or weekly report (one schedule per workspace and kind). */
  sendReport: 'reports.send',
  /** Keeps the per-workspace report schedules in line with settings and timezones. */
  syncReportSchedules: 'reports.sync-schedules',
  /** Every minute: checks every alert rule and opens, counts or resolves incidents. */
  evaluateAlerts: 'alerts.evaluate',
  /** Posts one alert to a Slack-compatible webhook (`{ incidentId, url }`). */
  deliverAlertWebhook: 'alerts.webhook',
  /** Sends one stored email through SMTP (`{ emailId }`). */
  sendEmail: 'email.send',
} as const;

type AnalyticsQueueName = (typeof ANALYTICS_QUEUES)[keyof typeof ANALYTICS_QUEUES];

const collection = { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 600, policy: 'stately' } as const;

export const ANALYTICS_QUEUE_OPTIONS: Record<
  AnalyticsQueueName,
  { retryLimit: number; expireInSeconds: number; retryDelay?: number; retryBackoff?: boolean; retryDelayMax?: number; policy?: 'stately' }
> = {
  [ANALYTICS_QUEUES.analyticsTick]: { retryLimit: 0, expireInSeconds: 120 },
  [ANALYTICS_QUEUES.collectPostMetrics]: collection,
  [ANALYTICS_QUEUES.collectAccountMetrics]: collection,
  [ANALYTICS_QUEUES.collectCompetitor]: collection,
  [ANALYTICS_QUEUES.sendReport]: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 },
  [ANALYTICS_QUEUES.syncReportSchedules]: { retryLimit: 2, expireInSeconds: 300 },
  [ANALYTICS_QUEUES.evaluateAlerts]: { retryLimit: 0, expireInSeconds: 120 },
  // A webhook or mail server that is down gets retried for about an hour.
  [ANALYTICS_QUEUES.deliverAlertWebhook]: { retryLimit: 8, retryDelay: 15, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 60 },
  [ANALYTICS_QUEUES.sendEmail]: { retryLimit: 8, retryDelay: 15, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 120 },
};
