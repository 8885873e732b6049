import { and, asc, eq, inArray } from 'drizzle-orm';
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
 * Loads posts of a workspace with their items, media and account, in the order of `ids`.
 * Three queries whatever the number of posts.
 *
 * @example
 * const [post] = await loadPostViews(db, workspaceId, [postId]);
 */
export async function loadPostViews(db: Executor, workspaceId: string, ids: readonly string[]): Promise<PostView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      post: posts,
      account: {
        id: xAccounts.id,
        username: xAccounts.username,
        displayName: xAccounts.displayName,
        profileImageUrl: xAccounts.profileImageUrl,
      },
    })
    .from(posts)
    .leftJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(and(eq(posts.workspaceId, workspaceId), inArray(posts.id, [...ids])));
  const items = await db
    .select({ id: postItems.id, postId: postItems.postId, position: postItems.position, text: postItems.text, xPostId: postItems.xPostId })
    .from(postItems)
    .where(inArray(postItems.postId, [...ids]))
    .orderBy(asc(postItems.postId), asc(postItems.position));
  const attached = items.length === 0 ? [] : await db
    .select({ postItemId: postItemMedia.postItemId, media })
    .from(postItemMedia)
    .innerJoin(media, eq(media.id, postItemMedia.mediaId))
    .where(inArray(postItemMedia.postItemId, items.map((item) => item.id)))
    .orderBy(asc(postItemMedia.postItemId), asc(postItemMedia.position));

  const mediaByItem = Map.groupBy(attached, (row) => row.postItemId);
  const itemsByPost = Map.groupBy(items, (item) => item.postId);
  const byId = new Map(
    rows.map(({ post, account }): [string, PostView] => [
      post.id,
      {
        id: post.id,
        status: post.status,
        source: post.source,
        scheduledAt: post.scheduledAt,
        timezone: post.timezone,
        statusReason: post.statusReason,
        publishedAt: post.publishedAt,
        account,
        replyToXPostId: post.replyToXPostId,
        quoteXPostId: post.quoteXPostId,
        seriesId: post.seriesId,
        items: (itemsByPost.get(post.id) ?? []).map((item) => ({
          position: item.position,
          text: item.text,
          xPostId: item.xPostId,
          media: (mediaByItem.get(item.id) ?? []).map(({ media: file }) => ({
            id: file.id,
            kind: file.kind,
            mimeType: file.mimeType,
            fileName: file.fileName,
            altText: file.altText,
            url: mediaUrl(file.id),
          })),
        })),
        createdAt: post.createdAt,
        updatedAt: post.updatedAt,
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}
