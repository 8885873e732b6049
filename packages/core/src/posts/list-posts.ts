import { eq } from 'drizzle-orm';
import { posts, xAccounts, type Executor } from '@tweetflow/db';
import { pageOf, postPage, type PostPageQuery } from './post-pages';
import { assemblePostViews, postViewColumns, type PostView } from './post-view';

export type PostListQuery = PostPageQuery;

/**
 * Posts of a workspace in a time range (by scheduled time) or all of them (the list view,
 * newest first), whole, filtered and paged: what the SDK and the list view read. The
 * calendar reads the lighter `listCalendarPosts`.
 *
 * @example
 * const { posts } = await listPosts(db, { workspaceId, from: monthStart, to: nextMonthStart });
 */
export async function listPosts(db: Executor, query: PostListQuery): Promise<{ posts: PostView[]; nextCursor: string | null }> {
  const page = postPage(query);
  // The page's posts are selected whole with their account, and completed with their
  // items in one more query: two round trips for a page of any size.
  const rows = await db
    .select(postViewColumns)
    .from(posts)
    .leftJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(page.where)
    .orderBy(...page.orderBy)
    .limit(page.limit + 1);
  const { rows: listed, nextCursor } = pageOf(rows, page, (row) => (page.ranged && row.scheduledAt ? row.scheduledAt : row.createdAt));
  return { posts: await assemblePostViews(db, listed), nextCursor };
}
