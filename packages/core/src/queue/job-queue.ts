import { PgBoss } from 'pg-boss';
import type { Logger } from '../runtime/logger';
import { QUEUE_OPTIONS, type QueueName } from './queues';

/** pg-boss keeps its tables in a schema of its own beside the app's. */
export const JOB_QUEUE_SCHEMA = 'pgboss';

type JobQueueOptions = {
  /** Only the worker runs pg-boss maintenance and cron; the web process just enqueues. */
  role: 'web' | 'worker';
  logger: Logger;
};

/**
 * Starts pg-boss on the app's database and makes sure every TweetFlow queue exists.
 *
 * @example
 * const boss = await startJobQueue(databaseUrl, { role: 'worker', logger });
 * await boss.send(QUEUES.purgeExpiredSessions, {});
 */
export async function startJobQueue(databaseUrl: string, options: JobQueueOptions): Promise<PgBoss> {
  const isWorker = options.role === 'worker';
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOB_QUEUE_SCHEMA,
    application_name: `tweetflow-${options.role}`,
    max: isWorker ? 10 : 4,
    supervise: isWorker,
    schedule: isWorker,
    // A job whose worker died is noticed by its missing heartbeat at the next supervise
    // pass; every 10 s instead of every minute keeps a crashed publish from waiting long.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    // Per-pass completed/failed counts, for the failure rates on the system health page.
    persistQueueStats: isWorker,
    // The worker listens for jobs written on `notify` queues (one connection) and starts
    // them at once; the web process only writes jobs, whose NOTIFY goes with its commit.
    useListenNotify: isWorker,
  });
  boss.on('error', (error) => {
    // 57P01: the database is shutting down (e.g. Ctrl-C on `pnpm dev` stops it alongside us).
    if ((error as { code?: string }).code === '57P01') options.logger.warn('job queue: database is shutting down');
    else options.logger.error({ err: error }, 'job queue error');
  });
  boss.on('warning', (warning) => {
    // Without its listener the worker still finds every job, by polling: slower, not lost.
    const type = (warning.data as { type?: string }).type;
    if (type === 'listen_notify_unavailable') options.logger.warn({ warning: warning.message }, 'job queue: LISTEN/NOTIFY is unavailable, polling only');
    else options.logger.debug({ warning: warning.message, type }, 'job queue warning');
  });
  await boss.start();
  // Both roles make sure the queues exist: the web process enqueues publish jobs and may
  // start before the worker has created them.
  await syncQueues(boss);
  return boss;
}

/**
 * Creates the queues that are missing and brings existing ones to today's options: a
 * queue keeps the options it was created with, so without this a changed retry policy (or
 * `notify`) would only ever reach new installations. The policy cannot change after creation.
 */
async function syncQueues(boss: PgBoss): Promise<void> {
  const existing = new Map((await boss.getQueues()).map((queue) => [queue.name, queue]));
  for (const [name, options] of Object.entries(QUEUE_OPTIONS) as [QueueName, (typeof QUEUE_OPTIONS)[QueueName]][]) {
    const queue = existing.get(name);
    if (!queue) {
      await boss.createQueue(name, options);
      continue;
    }
    const { policy: _fixed, ...wanted } = options;
    const changed = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => queue[key as keyof typeof queue] !== value));
    if (Object.keys(changed).length > 0) await boss.updateQueue(name, changed);
  }
}
