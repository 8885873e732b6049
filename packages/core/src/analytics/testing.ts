import type { startSandbox } from '@tweetflow/x-sandbox';
import { startPublishingTestbed, type PublishingTestbed } from '../posts/testing';
import { QUEUES } from '../queue/queues';
import type { AnalyticsDeps } from './analytics-deps';
import { collectAccountMetrics, type AccountMetricsOutcome } from './collect-account-metrics';
import { collectCompetitor, type CompetitorOutcome } from './competitors/collect-competitor';
import { collectPostMetrics, type PostMetricsOutcome } from './collect-post-metrics';
import { enqueueDueCollections, type CollectionJobData, type CompetitorJobData, type DueCollections } from './enqueue-due-collections';

/** What one analytics tick did, job by job. */
export type TickReport = {
  due: DueCollections;
  posts: PostMetricsOutcome[];
  accounts: AccountMetricsOutcome[];
  competitors: CompetitorOutcome[];
};

/** A publishing testbed plus metrics collection run the way the worker runs it. */
export type AnalyticsTestbed = PublishingTestbed & {
  analytics: AnalyticsDeps;
  /** Runs the analytics tick and then every collection job it enqueued, in this process. */
  tick(): Promise<TickReport>;
  /** Moves the sandbox clock (and so the services' clock) forward. */
  advance(ms: number): void;
};

/**
 * Starts an analytics testbed; pass a fixed sandbox clock to make metrics repeatable.
 *
 * @example
 * const testbed = await startAnalyticsTestbed({ clock: fixedClock(Date.parse('2026-03-02T09:00:00Z')) });
 */
export async function startAnalyticsTestbed(
  options: Parameters<typeof startSandbox>[0] = {},
  settings: Partial<Pick<AnalyticsDeps, 'budgetShare' | 'competitorDailyCalls'>> = {},
): Promise<AnalyticsTestbed> {
  const testbed = await startPublishingTestbed(options);
  const analytics: AnalyticsDeps = {
    xAccounts: testbed.deps,
    clock: testbed.deps.clock,
    logger: testbed.deps.logger,
    budgetShare: settings.budgetShare ?? 0.5,
    competitorDailyCalls: settings.competitorDailyCalls ?? 60,
  };
  const { db } = testbed.database;

  async function drain<Data extends object, Outcome>(queue: string, run: (data: Data) => Promise<Outcome>): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (;;) {
      const jobs = await testbed.boss.fetch<Data>(queue, { batchSize: 50 });
      if (jobs.length === 0) return outcomes;
      for (const job of jobs) {
        outcomes.push(await run(job.data));
        await testbed.boss.complete(queue, job.id);
      }
    }
  }

  return {
    ...testbed,
    analytics,
    advance: (ms) => testbed.sandbox.admin.advanceClock(ms),
    async tick() {
      const due = await enqueueDueCollections(db, testbed.boss, analytics.clock.now());
      return {
        due,
        accounts: await drain<CollectionJobData, AccountMetricsOutcome>(QUEUES.collectAccountMetrics, (data) => collectAccountMetrics(db, analytics, data.accountId)),
        posts: await drain<CollectionJobData, PostMetricsOutcome>(QUEUES.collectPostMetrics, (data) => collectPostMetrics(db, analytics, data.accountId)),
        competitors: await drain<CompetitorJobData, CompetitorOutcome>(QUEUES.collectCompetitor, (data) => collectCompetitor(db, analytics, data.competitorId)),
      };
    },
  };
}
