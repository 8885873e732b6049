export { systemHealth, type LedgerWindow, type QueueHealth, type SystemHealth, type WorkerHealth } from './system-health';
export { prometheusMetrics } from './prometheus-metrics';
