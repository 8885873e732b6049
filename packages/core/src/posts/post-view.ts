import { and, asc, eq, sql } from 'drizzle-orm';
import { media, postItemMedia, postItems, posts, xAccounts, type Executor } from '@tweetflow/db';

export type PostStatus = (typeof posts.$inferSelect)['status'];
export type PostSource = (typeof posts.$inferSelect)['source'];

export type PostMediaView = {
  id: string;
  kind: 'image' | 'gif' | 'video';
  mimeType: string;
  fileName: string;
  altText: string;
  /** Where the app serves the file to members of the workspace. */
  url: string;
};

export type PostItemView = { position: number; text: string; xPostId: string | null; media: PostMediaView[] };

/** A post as the calendar, the composer and the SDK see it. */
export type PostView = {
  id: string;
  status: PostStatus;
  source: PostSource;
  scheduledAt: Date | null;
  timezone: string;
  statusReason: string | null;
  publishedAt: Date | null;
  account: { id: string; username: string; displayName: string; profileImageUrl: string | null } | null;
  replyToXPostId: string | null;
  quoteXPostId: string | null;
  seriesId: string | null;
  items: PostItemView[];
  createdAt: Date;
  updatedAt: Date;
};

/**
 * The URL the app serves an uploaded file at.
 *
 * @example
 * mediaUrl('0190…'); // '/api/media/0190…'
 */
export function mediaUrl(mediaId: string): string {
  return `/api/media/${mediaId}`;
}

/**
 * The columns of a post's view, with its account: what `assemblePostViews` takes. A list
 * selects them in its page query, so its posts are not read a second time by id.
 */
export const postViewColumns = {
  id: posts.id,
  status: posts.status,
  source: posts.source,
  scheduledAt: posts.scheduledAt,
  timezone: posts.timezone,
  statusReason: posts.statusReason,
  publishedAt: posts.publishedAt,
  replyToXPostId: posts.replyToXPostId,
  quoteXPostId: posts.quoteXPostId,
  seriesId: posts.seriesId,
  createdAt: posts.createdAt,
  updatedAt: posts.updatedAt,
  account: {
    id: xAccounts.id,
    username: xAccounts.username,
    displayName: xAccounts.displayName,
    profileImageUrl: xAccounts.profileImageUrl,
  },
};

export type PostViewRow = Omit<PostView, 'items'>;

/**
 * Loads posts of a workspace with their items, media and account, in the order of `ids`.
 * Two queries whatever the number of posts.
 *
 * @example
 * const [post] = await loadPostViews(db, workspaceId, [postId]);
 */
export async function loadPostViews(db: Executor, workspaceId: string, ids: readonly string[]): Promise<PostView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(postViewColumns)
    .from(posts)
    .leftJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(and(eq(posts.workspaceId, workspaceId), sql`${posts.id} = any(${uuidArray(ids)}::uuid[])`));
  const byId = new Map((await assemblePostViews(db, rows)).map((view) => [view.id, view]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Completes selected posts (`postViewColumns`) with their items and the items' media, in
 * one query, keeping the posts' order.
 *
 * @example
 * const rows = await db.select(postViewColumns).from(posts).leftJoin(xAccounts, eq(xAccounts.id, posts.xAccountId)).where(…);
 * const views = await assemblePostViews(db, rows);
 */
export async function assemblePostViews(db: Executor, rows: readonly PostViewRow[]): Promise<PostView[]> {
  if (rows.length === 0) return [];
  // One row per item and attached file (or one for an item without media), in order.
  const itemRows = await db
    .select({
      itemId: postItems.id,
      postId: postItems.postId,
      position: postItems.position,
      text: postItems.text,
      xPostId: postItems.xPostId,
      file: { id: media.id, kind: media.kind, mimeType: media.mimeType, fileName: media.fileName, altText: media.altText },
    })
    .from(postItems)
    .leftJoin(postItemMedia, eq(postItemMedia.postItemId, postItems.id))
    .leftJoin(media, eq(media.id, postItemMedia.mediaId))
    .where(sql`${postItems.postId} = any(${uuidArray(rows.map((row) => row.id))}::uuid[])`)
    .orderBy(asc(postItems.postId), asc(postItems.position), asc(postItemMedia.position));

  const itemsByPost = new Map<string, PostItemView[]>();
  let item: PostItemView | undefined;
  let itemId: string | undefined;
  for (const row of itemRows) {
    if (row.itemId !== itemId) {
      itemId = row.itemId;
      item = { position: row.position, text: row.text, xPostId: row.xPostId, media: [] };
      const items = itemsByPost.get(row.postId);
      if (items) items.push(item);
      else itemsByPost.set(row.postId, [item]);
    }
    if (row.file) item!.media.push({ ...row.file, url: mediaUrl(row.file.id) });
  }
  return rows.map((row) => ({ ...row, items: itemsByPost.get(row.id) ?? [] }));
}

/** Ids as one Postgres array literal: a bare array would be expanded into a list of parameters. */
function uuidArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}
