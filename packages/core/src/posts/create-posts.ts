import { sql } from 'drizzle-orm';
import { postItemMedia, postItems, posts, type Executor, type Transaction } from '@tweetflow/db';
import { emitPostChanged } from '../events/workspace-events';
import { assertPostContentBelongs } from './post-content-check';
import type { PostContent } from './post-input';
import type { PostSource } from './post-view';
import { enqueuePublishJobs } from './publish-jobs';
import type { PublishingDeps } from './publishing-deps';

export type NewPost = {
  content: PostContent;
  /** null keeps the post as a draft. */
  scheduledAt: Date | null;
  timezone: string;
  source: PostSource;
  seriesId?: string;
  /** The post's id, when the caller must know it before the post exists (a workflow step's post has the step's id). */
  id?: string;
  /**
   * Publish under this job id instead of enqueueing a job: the caller (a workflow step)
   * runs `publishPost` itself with this id, and can re-claim the post after a crash.
   */
  publishJobId?: string;
};

/**
 * Writes posts, their items and media, and (for scheduled ones) their publish jobs in one
 * transaction: either all exist afterwards or none. Used by the composer, the queue,
 * recurring series, CSV import and workflows.
 *
 * @example
 * const [postId] = await createPosts(db, deps, {
 *   workspaceId, userId, posts: [{ content, scheduledAt, timezone: 'Europe/Berlin', source: 'composer' }],
 * });
 */
export async function createPosts(
  db: Executor,
  deps: PublishingDeps,
  input: { workspaceId: string; userId: string | null; posts: readonly NewPost[] },
): Promise<string[]> {
  if (input.posts.length === 0) return [];
  await assertPostContentBelongs(db, input.workspaceId, input.posts.map((post) => post.content));
  return db.transaction(async (tx) => {
    const now = deps.clock.now();
    const created = await tx
      .insert(posts)
      .values(
        input.posts.map((post) => ({
          ...(post.id ? { id: post.id } : {}),
          workspaceId: input.workspaceId,
          xAccountId: post.content.accountId,
          createdByUserId: input.userId,
          status: post.scheduledAt ? ('scheduled' as const) : ('draft' as const),
          source: post.source,
          scheduledAt: post.scheduledAt,
          timezone: post.timezone,
          replyToXPostId: post.content.replyToXPostId ?? null,
          quoteXPostId: post.content.quoteXPostId ?? null,
          seriesId: post.seriesId ?? null,
          publishJobId: post.publishJobId ?? null,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: posts.id });
    const ids = created.map((row) => row.id);
    await insertItems(tx, ids.map((postId, index) => ({ postId, content: input.posts[index]!.content })));

    const scheduled = input.posts.flatMap((post, index) =>
      post.scheduledAt && !post.publishJobId ? [{ postId: ids[index]!, at: post.scheduledAt }] : [],
    );
    const jobIds = await enqueuePublishJobs(tx, deps.boss, scheduled);
    await storePublishJobIds(tx, scheduled.map(({ postId }) => postId), jobIds);
    // Issued together, postgres.js pipelines the notifications on the transaction's
    // connection: one round trip for a batch instead of one per post.
    await Promise.all(
      ids.map((postId, index) => {
        const post = input.posts[index]!;
        return emitPostChanged(tx, input.workspaceId, { postId, status: post.scheduledAt ? 'scheduled' : 'draft', scheduledAt: post.scheduledAt });
      }),
    );
    return ids;
  });
}

/** Points each post at its publish job, in one statement however many posts there are. */
async function storePublishJobIds(tx: Transaction, postIds: readonly string[], jobIds: readonly string[]): Promise<void> {
  if (postIds.length === 0) return;
  // Passed as array literals: a bare array would be expanded into a list of parameters.
  await tx.execute(sql`
    update ${posts} set publish_job_id = pairs.job_id
    from unnest(${`{${postIds.join(',')}}`}::uuid[], ${`{${jobIds.join(',')}}`}::uuid[]) as pairs(post_id, job_id)
    where ${posts.id} = pairs.post_id`);
}

/**
 * Inserts the thread items of posts and their media links.
 *
 * @example
 * await insertItems(tx, [{ postId, content }]);
 */
export async function insertItems(tx: Transaction, entries: ReadonlyArray<{ postId: string; content: PostContent }>): Promise<void> {
  const itemRows = entries.flatMap(({ postId, content }) =>
    content.items.map((item, position) => ({ postId, position, text: item.text })),
  );
  if (itemRows.length === 0) return;
  const insertedItems = await tx.insert(postItems).values(itemRows).returning({ id: postItems.id, postId: postItems.postId, position: postItems.position });
  const itemId = new Map(insertedItems.map((row) => [`${row.postId}:${row.position}`, row.id]));
  const mediaRows = entries.flatMap(({ postId, content }) =>
    content.items.flatMap((item, position) =>
      item.mediaIds.map((mediaId, mediaPosition) => ({ postItemId: itemId.get(`${postId}:${position}`)!, position: mediaPosition, mediaId })),
    ),
  );
  if (mediaRows.length > 0) await tx.insert(postItemMedia).values(mediaRows);
}
