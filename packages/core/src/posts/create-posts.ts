import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
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
      insertPostRows(
        tx,
        planned.map(({ post, id, publishJobId }) => ({
          id,
          workspaceId: input.workspaceId,
          ...postContentColumns(post.content),
          createdByUserId: input.userId,
          status: post.scheduledAt ? ('scheduled' as const) : ('draft' as const),
          source: post.source,
          scheduledAt: post.scheduledAt?.toISOString() ?? null,
          timezone: post.timezone,
          seriesId: post.seriesId ?? null,
          publishJobId,
        })),
        now,
      ),
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
    tx.execute(sql`
      insert into ${postItems} (id, post_id, position, text)
      select item.id, item."postId", item.position, item.text
      from json_to_recordset(${JSON.stringify(items.map(({ id, postId, position, text }) => ({ id, postId, position, text })))}::json)
        as item(id uuid, "postId" uuid, position int, text text)`).execute(),
    ...(media.length > 0
      ? [
          tx.execute(sql`
            insert into ${postItemMedia} (post_item_id, position, media_id)
            select link."postItemId", link.position, link."mediaId"
            from json_to_recordset(${JSON.stringify(media)}::json) as link("postItemId" uuid, position int, "mediaId" uuid)`).execute(),
        ]
      : []),
  ]);
}

type PostRow = ReturnType<typeof postContentColumns> & {
  id: string;
  workspaceId: string;
  createdByUserId: string | null;
  status: 'scheduled' | 'draft';
  source: PostSource;
  /** ISO text: the rows travel as JSON. */
  scheduledAt: string | null;
  timezone: string;
  seriesId: string | null;
  publishJobId: string | null;
};

/**
 * Inserts post rows as one JSON parameter (see `MAX_PREPARED_PARAMETERS` in @tweetflow/db),
 * which also keeps a bulk schedule clear of PostgreSQL's 65,535 parameters a statement.
 */
function insertPostRows(tx: Transaction, rows: readonly PostRow[], now: Date) {
  return tx.execute(sql`
    insert into ${posts} (id, workspace_id, x_account_id, reply_to_x_post_id, quote_x_post_id, first_text, item_count, created_by_user_id,
      status, source, scheduled_at, timezone, series_id, publish_job_id, created_at, updated_at)
    select post.id, post."workspaceId", post."xAccountId", post."replyToXPostId", post."quoteXPostId", post."firstText", post."itemCount", post."createdByUserId",
      post.status::post_status, post.source::post_source, post."scheduledAt", post.timezone, post."seriesId", post."publishJobId", ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from json_to_recordset(${JSON.stringify(rows)}::json) as post(
      id uuid, "workspaceId" uuid, "xAccountId" uuid, "replyToXPostId" text, "quoteXPostId" text, "firstText" text, "itemCount" int, "createdByUserId" uuid,
      status text, source text, "scheduledAt" timestamptz, timezone text, "seriesId" uuid, "publishJobId" uuid
    )`).execute();
}
