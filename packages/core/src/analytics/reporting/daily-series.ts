import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import { engagementRate } from '../engagement';
import { accountCondition, type AccountScope } from './account-filter';
import type { AnalyticsRange } from './analytics-range';

/** One local day of the overview charts. */
export type DailyPoint = {
  day: string;
  /** Impressions and engagements gained that day, from the growth between snapshots. */
  impressions: number;
  engagements: number;
  engagementRate: number | null;
  /** Followers at the end of the day (the last reading so far), summed over accounts. */
  followers: number | null;
  postsPublished: number;
};

/**
 * Day-by-day figures of a range in its zone. A day's impressions are what every post gained
 * between its last reading of the day before and its last reading of that day, so the curve
 * shows when attention happened, not only when posts were made. A post first read late
 * (found on the timeline) counts its first reading on the day it was posted.
 *
 * @example
 * const points = await dailySeries(db, { workspaceId }, range);
 */
export async function dailySeries(db: Executor, scope: AccountScope, range: AnalyticsRange): Promise<DailyPoint[]> {
  const tz = range.timezone;
  const until = range.end.toISOString();
  const gains = await db.execute<{ day: string; impressions: number; engagements: number }>(sql`
    with daily as (
      select distinct on (s.tracked_post_id, local_day)
        s.tracked_post_id, t.posted_at, (s.captured_at at time zone ${tz})::date as local_day, s.impressions, s.engagements
      from post_metric_snapshots s
      join tracked_posts t on t.id = s.tracked_post_id
      where t.workspace_id = ${scope.workspaceId} ${accountCondition(sql`t.x_account_id`, scope)}
        and s.captured_at < ${until}::timestamptz
      order by s.tracked_post_id, local_day, s.captured_at desc
    ), gains as (
      select
        case when lag(local_day) over w is null then (posted_at at time zone ${tz})::date else local_day end as day,
        impressions - coalesce(lag(impressions) over w, 0) as impressions,
        engagements - coalesce(lag(engagements) over w, 0) as engagements
      from daily
      window w as (partition by tracked_post_id order by local_day)
    )
    select day::text as day, sum(impressions)::int as impressions, sum(engagements)::int as engagements
    from gains where day >= ${range.from}::date and day <= ${range.to}::date
    group by day
  `);
  const published = await db.execute<{ day: string; posts: number }>(sql`
    select (t.posted_at at time zone ${tz})::date::text as day, count(*)::int as posts
    from tracked_posts t
    where t.workspace_id = ${scope.workspaceId} ${accountCondition(sql`t.x_account_id`, scope)}
      and t.posted_at >= ${range.start.toISOString()}::timestamptz and t.posted_at < ${until}::timestamptz
    group by 1
  `);
  const audience = await db.execute<{ account: string; day: string; followers: number }>(sql`
    select distinct on (s.x_account_id, local_day) s.x_account_id as account, local_day::text as day, s.followers
    from (select *, (captured_at at time zone ${tz})::date as local_day from account_metric_snapshots) s
    join x_accounts a on a.id = s.x_account_id
    where a.workspace_id = ${scope.workspaceId} ${accountCondition(sql`a.id`, scope)} and s.captured_at < ${until}::timestamptz
    order by s.x_account_id, local_day, s.captured_at desc
  `);
  return mergeDays(range.days, gains, published, audience);
}

function mergeDays(
  days: string[],
  gains: { day: string; impressions: number; engagements: number }[],
  published: { day: string; posts: number }[],
  audience: { account: string; day: string; followers: number }[],
): DailyPoint[] {
  const gainsByDay = new Map(gains.map((row) => [row.day, row]));
  const postsByDay = new Map(published.map((row) => [row.day, row.posts]));
  // Each account's follower count carries forward from its last reading until the next.
  const latest = new Map<string, number>();
  const readings = [...audience].sort((a, b) => a.day.localeCompare(b.day));
  let next = 0;
  for (; next < readings.length && readings[next]!.day < (days[0] ?? ''); next++) latest.set(readings[next]!.account, readings[next]!.followers);
  return days.map((day) => {
    for (; next < readings.length && readings[next]!.day <= day; next++) latest.set(readings[next]!.account, readings[next]!.followers);
    const gained = gainsByDay.get(day);
    const impressions = gained?.impressions ?? 0;
    const engagements = gained?.engagements ?? 0;
    return {
      day,
      impressions,
      engagements,
      engagementRate: engagementRate(engagements, impressions),
      followers: latest.size > 0 ? [...latest.values()].reduce((sum, value) => sum + value, 0) : null,
      postsPublished: postsByDay.get(day) ?? 0,
    };
  });
}
