import { randomUUID } from 'node:crypto';
import { postItemMedia, postItems, posts, type Executor, type Transaction } from '@tweetflow/db';
import { emitWorkspaceEvents, postChangedEvent } from '../events/workspace-events';
import { assertPostContentBelongs } from './post-content-check';
import { postContentColumns, type PostContent } from './post-input';
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
 * Every id is chosen here rather than by the database, so no statement waits for another's
 * answer: posts, items, media, jobs and announcements go to PostgreSQL together, pipelined
 * on the transaction's connection, in one round trip between the transaction's begin and
 * commit (in order, so each row's references exist before it).
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
  const now = deps.clock.now();
  const planned = input.posts.map((post) => {
    // A post given its publish-job id is published by its caller; other scheduled posts get a job.
    const jobId = post.scheduledAt && !post.publishJobId ? randomUUID() : null;
    return { post, id: post.id ?? randomUUID(), jobId, publishJobId: post.publishJobId ?? jobId };
  });
  const jobs = planned.flatMap(({ post, id, jobId }) => (jobId ? [{ postId: id, at: post.scheduledAt!, id: jobId }] : []));
  await db.transaction(async (tx) => {
    // Started in order (execute() sends each at once): items refer to posts, media to items.
    await Promise.all([
      tx.insert(posts).values(
        planned.map(({ post, id, publishJobId }) => ({
          id,
          workspaceId: input.workspaceId,
          ...postContentColumns(post.content),
          createdByUserId: input.userId,
          status: post.scheduledAt ? ('scheduled' as const) : ('draft' as const),
          source: post.source,
          scheduledAt: post.scheduledAt,
          timezone: post.timezone,
          seriesId: post.seriesId ?? null,
          publishJobId,
          createdAt: now,
          updatedAt: now,
        })),
      ).execute(),
      insertItems(tx, planned.map(({ post, id }) => ({ postId: id, content: post.content }))),
      enqueuePublishJobs(tx, deps.boss, jobs),
      // One statement for the batch's announcements: a bulk schedule of thousands of posts sent one NOTIFY statement each.
      emitWorkspaceEvents(
        tx,
        planned.map(({ post, id }) => ({
          workspaceId: input.workspaceId,
          event: postChangedEvent({ postId: id, status: post.scheduledAt ? 'scheduled' : 'draft', scheduledAt: post.scheduledAt }),
        })),
      ),
    ]);
  });
  return planned.map((entry) => entry.id);
}

/**
 * Inserts the thread items of posts and their media links, the items' ids chosen here so
 * both inserts go together.
 *
 * @example
 * await insertItems(tx, [{ postId, content }]);
 */
export async function insertItems(tx: Transaction, entries: ReadonlyArray<{ postId: string; content: PostContent }>): Promise<void> {
  const items = entries.flatMap(({ postId, content }) => content.items.map((item, position) => ({ id: randomUUID(), postId, position, text: item.text, mediaIds: item.mediaIds })));
  if (items.length === 0) return;
  const media = items.flatMap((item) => item.mediaIds.map((mediaId, position) => ({ postItemId: item.id, position, mediaId })));
  // Started in order (execute() sends each at once): media refer to items.
  await Promise.all([
    tx.insert(postItems).values(items.map(({ id, postId, position, text }) => ({ id, postId, position, text }))).execute(),
    ...(media.length > 0 ? [tx.insert(postItemMedia).values(media).execute()] : []),
  ]);
}
