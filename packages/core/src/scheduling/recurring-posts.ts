import { and, eq } from 'drizzle-orm';
import { posts, postSeries, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import { createPosts } from '../posts/create-posts';
import type { PostContent } from '../posts/post-input';
import type { PublishingDeps } from '../posts/publishing-deps';
import { localDateTimeOf } from './local-time';
import { selectPostSummaries, type PostSummary } from './post-summaries';
import { describeRecurrence, expandRecurrence, MAX_OCCURRENCES, type RecurrenceRule } from './recurrence';

/**
 * Creates a series and one scheduled post per occurrence of `rule`, all with the same
 * content, in one transaction. Each occurrence is an ordinary post afterwards: editing or
 * deleting one leaves the others alone.
 *
 * @example
 * const { seriesId, postIds } = await createRecurringPosts(db, deps, {
 *   workspaceId, userId, content,
 *   rule: { every: 1, unit: 'week', weekdays: [1], time: '09:00', timezone: 'Europe/Berlin', startDate: '2026-12-07', end: { kind: 'count', count: 8 } },
 * });
 */
export async function createRecurringPosts(
  db: Executor,
  deps: PublishingDeps,
  input: { workspaceId: string; userId: string | null; content: PostContent; rule: RecurrenceRule },
): Promise<{ seriesId: string; postIds: string[] }> {
  const { rule } = input;
  const instants = expandRecurrence(rule);
  const [first] = instants;
  if (first && first.getTime() <= deps.clock.now().getTime()) {
    throw new DomainError(
      'bad_request',
      `The first post of this series would be at ${localDateTimeOf(first, rule.timezone).replace('T', ' ')} (${rule.timezone}), which has already passed; start on a later date or time.`,
    );
  }
  return db.transaction(async (tx) => {
    const [series] = await tx
      .insert(postSeries)
      .values({ workspaceId: input.workspaceId, rule, createdByUserId: input.userId, createdAt: deps.clock.now() })
      .returning({ id: postSeries.id });
    if (!series) throw new Error('inserting the series returned no row');
    const postIds = await createPosts(tx, deps, {
      workspaceId: input.workspaceId,
      userId: input.userId,
      posts: instants.map((scheduledAt) => ({
        content: input.content,
        scheduledAt,
        timezone: rule.timezone,
        source: 'recurring' as const,
        seriesId: series.id,
      })),
    });
    return { seriesId: series.id, postIds };
  });
}

/** A series with its rule in words and every post it made that still exists. */
export type SeriesView = {
  id: string;
  rule: RecurrenceRule;
  description: string;
  createdAt: Date;
  posts: PostSummary[];
};

/**
 * The series and its posts in time order, whatever their status now.
 *
 * @example
 * const series = await getSeries(db, { workspaceId, seriesId });
 * series.posts.filter((post) => post.status === 'scheduled').length; // still to come
 */
export async function getSeries(db: Executor, input: { workspaceId: string; seriesId: string }): Promise<SeriesView> {
  const [series] = await db
    .select()
    .from(postSeries)
    .where(and(eq(postSeries.id, input.seriesId), eq(postSeries.workspaceId, input.workspaceId)));
  if (!series) throw new DomainError('not_found', 'That series does not exist in this workspace (it may have been deleted).');
  // The rule was validated by `recurrenceRuleSchema` before it was stored.
  const rule = series.rule as RecurrenceRule;
  return {
    id: series.id,
    rule,
    description: describeRecurrence(rule),
    createdAt: series.createdAt,
    posts: await selectPostSummaries(db, and(eq(posts.workspaceId, input.workspaceId), eq(posts.seriesId, series.id)), MAX_OCCURRENCES),
  };
}
