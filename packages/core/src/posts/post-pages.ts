import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { posts } from '@tweetflow/db';
import { DomainError } from '../errors';
import type { PostStatus } from './post-view';

export type PostPageQuery = {
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

/** Which posts one page holds, in which order: what the list and the calendar select by. */
export type PostPage = { where: SQL; orderBy: SQL[]; limit: number; ranged: boolean };

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;

/**
 * The filter and order of a page of posts: a time range runs forward by scheduled time
 * (every post that was ever scheduled or published keeps its `scheduledAt`, and the
 * (workspace, scheduled_at) index serves the range); without one, newest first by
 * creation, which the (workspace, created_at, id) index serves. Select `limit + 1` rows
 * and hand them to `pageOf`.
 *
 * @example
 * const page = postPage({ workspaceId, from, to, limit: 500 });
 * const rows = await db.select(…).from(posts).where(page.where).orderBy(...page.orderBy).limit(page.limit + 1);
 */
export function postPage(query: PostPageQuery): PostPage {
  const at = posts.scheduledAt;
  const filters: SQL[] = [eq(posts.workspaceId, query.workspaceId)];
  if (query.from) filters.push(gte(at, query.from));
  if (query.to) filters.push(lt(at, query.to));
  if (query.accountIds?.length) filters.push(inArray(posts.xAccountId, query.accountIds));
  if (query.statuses?.length) filters.push(inArray(posts.status, query.statuses));
  const ranged = query.from !== undefined || query.to !== undefined;
  if (query.cursor) {
    const [cursorAt, cursorId] = decodeCursor(query.cursor);
    filters.push(
      ranged
        ? or(sql`${at} > ${cursorAt}::timestamptz`, and(sql`${at} = ${cursorAt}::timestamptz`, sql`${posts.id} > ${cursorId}`))!
        : or(sql`${posts.createdAt} < ${cursorAt}::timestamptz`, and(sql`${posts.createdAt} = ${cursorAt}::timestamptz`, sql`${posts.id} < ${cursorId}`))!,
    );
  }
  return {
    where: and(...filters)!,
    orderBy: ranged ? [asc(at), asc(posts.id)] : [desc(posts.createdAt), desc(posts.id)],
    limit: Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT),
    ranged,
  };
}

/**
 * The page's rows, and the cursor of the next page when the extra row says there is one.
 * `positionOf` gives a row's place in the order: its scheduled time when ranged, else its
 * creation time.
 *
 * @example
 * const { rows: page, nextCursor } = pageOf(rows, page, (row) => (page.ranged ? row.scheduledAt! : row.createdAt));
 */
export function pageOf<Row extends { id: string }>(rows: Row[], page: PostPage, positionOf: (row: Row) => Date): { rows: Row[]; nextCursor: string | null } {
  const within = rows.slice(0, page.limit);
  const last = within.at(-1);
  return { rows: within, nextCursor: rows.length > page.limit && last ? encodeCursor(positionOf(last), last.id) : null };
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
