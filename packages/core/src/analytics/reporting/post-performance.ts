import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import { engagementRate } from '../engagement';
import { accountCondition, type AccountScope } from './account-filter';

/** A post with its latest figures, as the dashboard lists and ranks them. */
export type PostPerformance = {
  id: string;
  xAccountId: string;
  username: string;
  xPostId: string;
  text: string;
  postedAt: Date;
  impressions: number;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  urlLinkClicks: number | null;
  profileClicks: number | null;
  engagements: number;
  engagementRate: number | null;
  /** Set for posts TweetFlow published (the post it belongs to). */
  postId: string | null;
  lastPolledAt: Date | null;
};

type Row = Omit<PostPerformance, 'engagementRate'>;

const SELECTED = sql`
  select t.id, t.x_account_id as "xAccountId", a.username, t.x_post_id as "xPostId", t.text, t.posted_at as "postedAt",
    t.impressions, t.likes, t.reposts, t.replies, t.quotes, t.bookmarks, t.url_link_clicks as "urlLinkClicks",
    t.profile_clicks as "profileClicks", t.engagements, i.post_id as "postId", t.last_polled_at as "lastPolledAt"
  from tracked_posts t
  join x_accounts a on a.id = t.x_account_id
  left join post_items i on i.id = t.post_item_id
`;

/**
 * Posts published between `start` and `end`, newest first, with their latest figures.
 *
 * @example
 * const posts = await postsInPeriod(db, { workspaceId }, range.start, range.end, 500);
 */
export async function postsInPeriod(db: Executor, scope: AccountScope, start: Date, end: Date, limit: number): Promise<PostPerformance[]> {
  const rows = await db.execute<Row>(sql`
    ${SELECTED}
    where t.workspace_id = ${scope.workspaceId} ${accountCondition(sql`t.x_account_id`, scope)}
      and t.posted_at >= ${start.toISOString()}::timestamptz and t.posted_at < ${end.toISOString()}::timestamptz
    order by t.posted_at desc
    limit ${limit}
  `);
  return rows.map(withRate);
}

/**
 * One followed post of the workspace with its latest figures; null when there is none.
 *
 * @example
 * const post = await findPostPerformance(db, workspaceId, trackedPostId);
 */
export async function findPostPerformance(db: Executor, workspaceId: string, trackedPostId: string): Promise<PostPerformance | null> {
  const [row] = await db.execute<Row>(sql`${SELECTED} where t.workspace_id = ${workspaceId} and t.id = ${trackedPostId}::uuid`);
  return row ? withRate(row) : null;
}

/**
 * The best and worst posts of a list by engagement rate (ties: more impressions first).
 * Posts nobody saw yet have no rate and are left out of both.
 *
 * @example
 * const { top, bottom } = rankPosts(posts, 5);
 */
export function rankPosts(posts: PostPerformance[], count: number): { top: PostPerformance[]; bottom: PostPerformance[] } {
  const rated = posts
    .filter((post) => post.engagementRate !== null)
    .sort((a, b) => b.engagementRate! - a.engagementRate! || b.impressions - a.impressions);
  const top = rated.slice(0, count);
  const bottom = rated.slice(Math.max(count, rated.length - count)).reverse();
  return { top, bottom };
}

function withRate(row: Row): PostPerformance {
  return { ...row, postedAt: new Date(row.postedAt), lastPolledAt: row.lastPolledAt ? new Date(row.lastPolledAt) : null, engagementRate: engagementRate(row.engagements, row.impressions) };
}
