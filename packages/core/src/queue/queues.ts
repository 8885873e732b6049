import { ANALYTICS_QUEUE_OPTIONS, ANALYTICS_QUEUES } from './analytics-queues';

/**
 * Every pg-boss queue TweetFlow uses. Queues must exist before `send` or `work`
 * (pg-boss 12), so the worker creates all of them at start.
 */
export const QUEUES = {
  /** Deletes expired sessions (cron, hourly). */
  purgeExpiredSessions: 'maintenance.purge-expired-sessions',
  /** Where publish jobs go when their retries ran out without the handler settling the post. */
  publishPostAbandoned: 'posts.publish.abandoned',
  /** Publishes one post (all its thread items) at its scheduled instant. */
  publishPost: 'posts.publish',
  ...ANALYTICS_QUEUES,
  /** Advances one workflow run: executes its nodes until it finishes, waits or pauses. */
  workflowRun: 'workflows.run',
  /** A workflow's next trigger moment: a schedule firing or an X-event poll. */
  workflowTrigger: 'workflows.trigger',
  /** Builds one requested data export (a zip) in the background. */
  privacyExport: 'privacy.export',
  /** Erases an account or a workspace once its grace period is over. */
  privacyErase: 'privacy.erase',
  /** Daily: retention, expired exports, old request counters, overdue erasures. */
  privacyMaintenance: 'privacy.maintenance',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

type QueueOptions = {
  retryLimit: number;
  expireInSeconds: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  retryDelayMax?: number;
  heartbeatSeconds?: number;
  deadLetter?: string;
  policy?: 'standard' | 'stately';
  /**
   * A job that is runnable when written wakes the worker through LISTEN/NOTIFY instead of
   * waiting out its poll: for work someone is watching (a webhook's run, "publish now", an
   * export). Jobs due later are still found by polling.
   */
  notify?: boolean;
};

export const QUEUE_OPTIONS: Record<QueueName, QueueOptions> = {
  ...ANALYTICS_QUEUE_OPTIONS,
  [QUEUES.purgeExpiredSessions]: { retryLimit: 2, expireInSeconds: 300 },
  // Created before the publish queue, which names it as its dead letter.
  [QUEUES.publishPostAbandoned]: { retryLimit: 5, expireInSeconds: 300 },
  // Transient X failures retry with backoff (5 s, 10 s, 20 s … capped at 5 min). The
  // heartbeat lets a job held by a worker that died be retried within seconds rather than
  // after the expiry; the retry then reconciles whatever the dead worker had sent.
  [QUEUES.publishPost]: {
    retryLimit: 8,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 900,
    heartbeatSeconds: 10,
    deadLetter: QUEUES.publishPostAbandoned,
    notify: true,
  },
  // A run whose worker died is picked up again by heartbeat and resumes at its cursor.
  [QUEUES.workflowRun]: { retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 120, expireInSeconds: 900, heartbeatSeconds: 10, notify: true },
  [QUEUES.workflowTrigger]: { retryLimit: 5, retryDelay: 10, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 300, notify: true },
  [QUEUES.privacyExport]: { retryLimit: 1, retryDelay: 30, expireInSeconds: 3600, notify: true },
  // Erasure is idempotent (each step finds what is left), so a failed attempt just runs again.
  [QUEUES.privacyErase]: { retryLimit: 10, retryDelay: 60, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 1800 },
  [QUEUES.privacyMaintenance]: { retryLimit: 2, retryDelay: 300, expireInSeconds: 1800 },
};
