import type { WorkOptions } from 'pg-boss';

/**
 * How the worker polls the queues no one waits on: cron-fed ones (session purge, the
 * analytics tick, alert checks, report schedules, privacy maintenance) and background work
 * (metric collection, reports, erasures after their grace period). pg-boss polls every
 * worked queue on its own timer, every 2 s by default; for these ten a few seconds more
 * delay changes nothing, and the idle worker's fetches drop by 240 a minute.
 */
export const BACKGROUND_POLLING = { pollingIntervalSeconds: 10 } satisfies WorkOptions;
