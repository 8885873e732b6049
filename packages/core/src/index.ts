export { createLogger, type Logger } from './runtime/logger';
export { systemClock, type Clock } from './runtime/clock';
export { startRuntime, type Readiness, type Runtime } from './runtime/runtime';
export { JOB_QUEUE_SCHEMA, startJobQueue } from './queue/job-queue';
export { QUEUES, QUEUE_OPTIONS, type QueueName } from './queue/queues';
export { purgeExpiredSessions } from './maintenance/purge-expired-sessions';
