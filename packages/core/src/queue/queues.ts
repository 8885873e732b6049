/**
 * Every pg-boss queue TweetFlow uses. Queues must exist before `send` or `work`
 * (pg-boss 12), so the worker creates all of them at start.
 */
export const QUEUES = {
  /** Deletes expired sessions (cron, hourly). */
  purgeExpiredSessions: 'maintenance.purge-expired-sessions',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const QUEUE_OPTIONS: Record<QueueName, { retryLimit: number; expireInSeconds: number }> = {
  [QUEUES.purgeExpiredSessions]: { retryLimit: 2, expireInSeconds: 300 },
};
