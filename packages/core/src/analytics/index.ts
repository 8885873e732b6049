export { analyticsDeps, type AnalyticsDeps } from './analytics-deps';
export { ENGAGEMENT_RATE_FORMULA, engagementRate, engagementsOf, relativeChange, type PublicPostMetrics } from './engagement';
export { METRICS_CADENCE, nextMetricsPollAt } from './metrics-cadence';
export { collectPostMetrics, type PostMetricsOutcome } from './collect-post-metrics';
export { collectAccountMetrics, type AccountMetricsOutcome } from './collect-account-metrics';
export { collectCompetitor, type CompetitorOutcome } from './competitors/collect-competitor';
export { enqueueDueCollections, type CollectionJobData, type CompetitorJobData, type DueCollections } from './enqueue-due-collections';
