import { and, eq, inArray, sql } from 'drizzle-orm';
import { posts, xAccounts, type Executor } from '@tweetflow/db';
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
 * The posts of a workspace scheduled (or published) in [from, to), by time, paged: one
 * query for the entries, one for the accounts they name.
 *
 * A month of a busy workspace is thousands of posts: whole posts (`listPosts`) were half
 * the answer's bytes and most of its cost in fields no calendar entry shows, and reading
 * each post's items for its first text and length was half the query's time, so the
 * entries come from the posts' own thread summary (`firstText`, `itemCount`). The entries
 * come as plain rows with times computed as epoch milliseconds in SQL: turning 1,000
 * timestamps into Dates and mapping every column through the query builder took half the
 * request's time in the web server (`pnpm bench api`).
 *
 * @example
 * const { posts } = await listCalendarPosts(db, { workspaceId, from: monthStart, to: nextMonthStart, limit: 500 });
 */
export async function listCalendarPosts(db: Executor, query: CalendarQuery): Promise<CalendarPage> {
  const page = postPage(query);
  const entries = await db.execute<CalendarEntry>(sql`
    select ${posts.id} as "id", ${posts.status} as "status", ${posts.statusReason} as "statusReason", ${posts.timezone} as "timezone",
      (extract(epoch from ${posts.scheduledAt}) * 1000)::float8 as "scheduledAt",
      (extract(epoch from ${posts.publishedAt}) * 1000)::float8 as "publishedAt",
      ${posts.xAccountId} as "accountId", ${posts.firstText} as "firstText", ${posts.itemCount} as "itemCount"
    from ${posts}
    where ${page.where}
    order by ${sql.join(page.orderBy, sql`, `)}
    limit ${page.limit + 1}`);
  const { rows: listed, nextCursor } = pageOf([...entries], page, (entry) => new Date(entry.scheduledAt));
  const named = [...new Set(listed.flatMap((entry) => (entry.accountId ? [entry.accountId] : [])))];
  const accounts =
    named.length === 0
      ? []
      : await db
          .select({ id: xAccounts.id, username: xAccounts.username, profileImageUrl: xAccounts.profileImageUrl })
          .from(xAccounts)
          .where(and(eq(xAccounts.workspaceId, query.workspaceId), inArray(xAccounts.id, named)));
  return { posts: listed, accounts, nextCursor };
}
