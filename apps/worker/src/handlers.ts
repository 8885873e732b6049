import { purgeExpiredSessions, QUEUES, type FetchLoop, type Runtime } from '@tweetflow/core';
import { registerPrivacyHandlers } from './privacy-handlers';
import { registerAnalyticsHandlers } from './analytics-handlers';
import { registerPublishHandlers } from './publish-handlers';
import { registerWorkflowHandlers } from './workflow-handlers';
import { BACKGROUND_POLLING } from './background-polling';

/**
 * Wires each queue to the service that does its work. Handlers stay one line deep:
 * the logic lives in @tweetflow/core so the web app and tests can call it too. Returns
 * the fetch loops the worker runs itself (beside pg-boss's), for it to stop.
 */
export async function registerJobHandlers(runtime: Runtime): Promise<FetchLoop[]> {
  const { boss, db, clock, logger } = runtime;

  await boss.work(QUEUES.purgeExpiredSessions, BACKGROUND_POLLING, async () => {
    const removed = await purgeExpiredSessions(db, clock.now());
    logger.info({ removed }, 'purged expired sessions');
    return { removed };
  });
  await boss.schedule(QUEUES.purgeExpiredSessions, '17 * * * *', {}, { tz: 'UTC' });
  await registerPublishHandlers(runtime);
  await registerAnalyticsHandlers(runtime);
  await registerPrivacyHandlers(runtime);
  return [await registerWorkflowHandlers(runtime)];
}
