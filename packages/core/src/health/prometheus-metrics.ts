import { Gauge, Registry } from 'prom-client';
import type { SystemHealth } from './system-health';

/**
 * The system health in Prometheus' text format, built fresh for each scrape (no process-wide
 * registry: the web process may run several times behind a load balancer, and each answers
 * with the database's figures, which are the same everywhere).
 *
 * @example
 * const { contentType, body } = await prometheusMetrics(await systemHealth(db, boss, clock.now()));
 */
export async function prometheusMetrics(health: SystemHealth): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  const gauge = <Label extends string>(name: string, help: string, labelNames: Label[]) => new Gauge<Label>({ name, help, labelNames, registers: [registry] });

  const jobs = gauge('tweetflow_queue_jobs', 'Jobs per queue and state (ready, deferred, active, failed and still kept).', ['queue', 'state']);
  const oldest = gauge('tweetflow_queue_oldest_ready_seconds', 'How long the oldest job ready to run has waited.', ['queue']);
  const failureRatio = gauge('tweetflow_queue_failure_ratio', 'Share of jobs finished in the last hour that failed for good.', ['queue']);
  const finished = gauge('tweetflow_queue_finished_last_hour', 'Jobs finished in the last hour, by outcome.', ['queue', 'outcome']);
  for (const queue of health.queues) {
    for (const state of ['ready', 'deferred', 'active', 'failed'] as const) jobs.set({ queue: queue.name, state }, queue[state]);
    if (queue.oldestReadySeconds !== null) oldest.set({ queue: queue.name }, queue.oldestReadySeconds);
    if (queue.failureRate !== null) failureRatio.set({ queue: queue.name }, queue.failureRate);
    if (queue.completedLastHour !== null) finished.set({ queue: queue.name, outcome: 'completed' }, queue.completedLastHour);
    if (queue.failedLastHour !== null) finished.set({ queue: queue.name, outcome: 'failed' }, queue.failedLastHour);
  }

  const live = gauge('tweetflow_worker_up', '1 for a pg-boss instance heard from within three heartbeats, else 0.', ['instance', 'name', 'host']);
  const heartbeat = gauge('tweetflow_worker_heartbeat_age_seconds', 'Seconds since the instance’s last heartbeat.', ['instance', 'name', 'host']);
  for (const worker of health.workers) {
    const labels = { instance: worker.id, name: worker.name ?? '', host: worker.host };
    live.set(labels, worker.live ? 1 : 0);
    heartbeat.set(labels, Math.max(0, (health.checkedAt.getTime() - worker.heartbeatAt.getTime()) / 1000));
  }

  const limit = gauge('tweetflow_rate_limit_limit', 'Calls X allows in the current window.', ['scope', 'endpoint']);
  const remaining = gauge('tweetflow_rate_limit_remaining', 'Calls left in the current window, as the ledger counts them.', ['scope', 'endpoint']);
  const resets = gauge('tweetflow_rate_limit_reset_timestamp_seconds', 'When the current window resets (Unix time).', ['scope', 'endpoint']);
  for (const window of health.ledger) {
    const labels = { scope: window.scope, endpoint: window.endpoint };
    limit.set(labels, window.limit);
    remaining.set(labels, window.remaining);
    resets.set(labels, window.resetAt.getTime() / 1000);
  }

  gauge('tweetflow_database_size_bytes', 'Size of the PostgreSQL database.', []).set(health.database.sizeBytes);
  return { contentType: registry.contentType, body: await registry.metrics() };
}
