import { eq, sql } from 'drizzle-orm';
import { postItems, posts, xAccounts, type Executor } from '@tweetflow/db';
import { pageOf, postPage, type PostPageQuery } from './post-pages';
import type { PostView } from './post-view';

/**
 * A post as the calendar shows it: its time, status and account, the first item's text
 * and the thread's length. Opening one loads the whole post (`getPostDetail`). Times are
 * epoch milliseconds and the account is named by id: a month is hundreds of entries, and
 * per entry a Date costs the wire format an annotation and an account object repeats.
 */
export type CalendarEntry = Pick<PostView, 'id' | 'status' | 'statusReason' | 'timezone'> & {
  scheduledAt: number;
  publishedAt: number | null;
  accountId: string | null;
  firstText: string;
  itemCount: number;
};

/** An account of a calendar page, once however many of its posts the page holds. */
export type CalendarAccount = { id: string; username: string; profileImageUrl: string | null };

/** One page of a calendar range. */
export type CalendarPage = { posts: CalendarEntry[]; accounts: CalendarAccount[]; nextCursor: string | null };

export type CalendarQuery = Omit<PostPageQuery, 'from' | 'to'> & { from: Date; to: Date };

/**
 * The posts of a workspace scheduled (or published) in [from, to), by time, paged, in one
 * query. A month of a busy workspace is thousands of posts: whole posts (`listPosts`)
 * were half the answer's bytes and most of its cost in fields no calendar entry shows.
 *
 * @example
 * const { posts } = await listCalendarPosts(db, { workspaceId, from: monthStart, to: nextMonthStart, limit: 500 });
 */
export async function listCalendarPosts(db: Executor, query: CalendarQuery): Promise<CalendarPage> {
  const page = postPage(query);
  // One pass over each post's items gives both; an aggregate always has a row to join.
  const thread = db
    .select({
      firstText: sql<string>`coalesce(min(${postItems.text}) filter (where ${postItems.position} = 0), '')`.as('first_text'),
      itemCount: sql<number>`count(*)::int`.as('item_count'),
    })
    .from(postItems)
    .where(eq(postItems.postId, posts.id))
    .as('thread');
  const rows = await db
    .select({
      id: posts.id,
      status: posts.status,
      statusReason: posts.statusReason,
      scheduledAt: posts.scheduledAt,
      publishedAt: posts.publishedAt,
      timezone: posts.timezone,
      account: { id: xAccounts.id, username: xAccounts.username, profileImageUrl: xAccounts.profileImageUrl },
      firstText: thread.firstText,
      itemCount: thread.itemCount,
    })
    .from(posts)
    .leftJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .crossJoinLateral(thread)
    .where(page.where)
    .orderBy(...page.orderBy)
    .limit(page.limit + 1);
  // A ranged page only holds posts with a scheduled time.
  const { rows: listed, nextCursor } = pageOf(rows, page, (row) => row.scheduledAt!);
  const accounts = new Map<string, CalendarAccount>();
  const entries = listed.map(({ account, scheduledAt, publishedAt, ...entry }): CalendarEntry => {
    if (account) accounts.set(account.id, account);
    return { ...entry, scheduledAt: scheduledAt!.getTime(), publishedAt: publishedAt?.getTime() ?? null, accountId: account?.id ?? null };
  });
  return { posts: entries, accounts: [...accounts.values()], nextCursor };
}
