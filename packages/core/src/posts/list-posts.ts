import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { posts, xAccounts, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import { assemblePostViews, postViewColumns, type PostStatus, type PostView } from './post-view';

export type PostListQuery = {
  workspaceId: string;
  /** Posts scheduled (or published) in [from, to); drafts without a time are listed only without a range. */
  from?: Date;
  to?: Date;
  accountIds?: string[];
  statuses?: PostStatus[];
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | null;
};

const DEFAULT_LIMIT = 200;

/**
 * Posts of a workspace for the calendar (a time range) or the list view (everything,
 * newest first, paged). The calendar sorts by the post's scheduled time.
 *
 * @example
 * const { posts } = await listPosts(db, { workspaceId, from: monthStart, to: nextMonthStart });
 */
export async function listPosts(db: Executor, query: PostListQuery): Promise<{ posts: PostView[]; nextCursor: string | null }> {
  const limit = Math.min(query.limit ?? DEFAULT_LIMIT, 1000);
  // Every post that was ever scheduled or published keeps its `scheduledAt`, and the
  // (workspace, scheduled_at) index serves the calendar's range.
  const at = posts.scheduledAt;
  const filters: SQL[] = [eq(posts.workspaceId, query.workspaceId)];
  if (query.from) filters.push(gte(at, query.from));
  if (query.to) filters.push(lt(at, query.to));
  if (query.accountIds?.length) filters.push(inArray(posts.xAccountId, query.accountIds));
  if (query.statuses?.length) filters.push(inArray(posts.status, query.statuses));
  const ranged = query.from !== undefined || query.to !== undefined;
  if (query.cursor) {
    const [cursorAt, cursorId] = decodeCursor(query.cursor);
    // Ranged pages run forward in time; unranged ones backward, newest first.
    filters.push(
      ranged
        ? or(sql`${at} > ${cursorAt}::timestamptz`, and(sql`${at} = ${cursorAt}::timestamptz`, sql`${posts.id} > ${cursorId}`))!
        : or(sql`${posts.createdAt} < ${cursorAt}::timestamptz`, and(sql`${posts.createdAt} = ${cursorAt}::timestamptz`, sql`${posts.id} < ${cursorId}`))!,
    );
  }
  // The page's posts are selected whole with their account, and completed with their
  // items in one more query: two round trips for a page of any size.
  const rows = await db
    .select(postViewColumns)
    .from(posts)
    .leftJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(and(...filters))
    .orderBy(...(ranged ? [asc(at), asc(posts.id)] : [desc(posts.createdAt), desc(posts.id)]))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor(ranged && last.scheduledAt ? last.scheduledAt : last.createdAt, last.id) : null;
  return { posts: await assemblePostViews(db, page), nextCursor };
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new DomainError('bad_request', 'The page cursor is not one this list handed out; start from the first page.');
  }
  return [at, id];
}
