import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@tweetflow/api';

type Outputs = inferRouterOutputs<AppRouter>;

/** What the analytics API returns, named the way the dashboard talks about it. */
export type AnalyticsOverview = Outputs['analytics']['overview'];
export type PeriodFigures = AnalyticsOverview['current'];
export type DailyPoint = AnalyticsOverview['daily'][number];
export type PostPerformance = AnalyticsOverview['posts'][number];
export type PostCurve = Outputs['analytics']['post'];
export type BestTimes = Outputs['analytics']['bestTimes'];
export type SuggestedTime = BestTimes['top'][number];
export type WorkflowPerformance = Outputs['analytics']['workflows'][number];
export type CompetitorComparison = Outputs['competitors']['compare'];
export type AlertRule = Outputs['alerts']['rules'][number];
export type AlertIncident = Outputs['alerts']['incidents'][number];
export type AlertKinds = Outputs['alerts']['kinds'];
export type ReportSummary = Outputs['reports']['list'][number];
export type Report = Outputs['reports']['get'];
export type OutboundEmail = Outputs['reports']['emails'][number];
export type SystemHealth = Outputs['system']['health'];
