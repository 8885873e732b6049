import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { postItemMedia, postItems, posts, publishAttempts, xAccounts, type Executor } from '@tweetflow/db';
import { emitWorkspaceEvents, postChangedEvent } from '../../../events/workspace-events';
import type { ClaimedPost } from '../claim-post';

/** What sending needs of a post's account beyond `ClaimedPost['account']`. */
export type BatchAccount = NonNullable<ClaimedPost['account']> & {
  status: 'active' | 'needs_reauth' | 'revoked';
  accessTokenCiphertext: string;
  accessTokenExpiresAt: Date;
};

export type BatchPost = ClaimedPost & { jobId: string; sender: BatchAccount | null };

/** An item of a claimed post. */
export type BatchItem = {
  id: string;
  postId: string;
  position: number;
  text: string;
  xPostId: string | null;
  /** Media need uploading first: such posts take the one-post path. */
  hasMedia: boolean;
  /** An earlier attempt nobody knows the outcome of: such posts take the one-post path, which reconciles. */
  unresolved: boolean;
};

/**
 * `claimPost` for a batch of jobs: every post whose job is still its job and that still
 * wants publishing is marked `publishing`, and comes back with its account (and that
 * account's token, so sending needs no further read) and its items in thread order, in
 * one statement; the claims are then announced. A job id is only ever stored on the post
 * it was made for, so matching posts by id (the primary key finds them) and job ids by set
 * matches the pairs.
 *
 * One statement rather than a transaction of an update, two reads and a notification:
 * a workflow's post step publishes a batch of one, and each round trip to PostgreSQL
 * costs both processes more CPU than the statement itself (`pnpm bench workflows`).
 *
 * @example
 * const claimed = await claimBatch(db, jobs.map((job) => ({ id: job.id, postId: job.postId })), now);
 */
export async function claimBatch(db: Executor, jobs: ReadonlyArray<{ id: string; postId: string }>, now: Date): Promise<Array<BatchPost & { items: BatchItem[] }>> {
  if (jobs.length === 0) return [];
  const claimed = db.$with('claimed').as(
    db
      .update(posts)
      .set({ status: 'publishing', updatedAt: now })
      .where(
        and(
          // Each list as one array parameter: Drizzle's building grows with every parameter, the statement's plan does not.
          sql`${posts.id} = any(${sql.param(jobs.map((job) => job.postId))}::uuid[])`,
          sql`${posts.publishJobId} = any(${sql.param(jobs.map((job) => job.id))}::uuid[])`,
          inArray(posts.status, ['scheduled', 'publishing', 'outcome_unknown']),
        ),
      )
      .returning(),
  );
  const postColumns = Object.fromEntries(Object.keys(getTableColumns(posts)).map((key) => [key, claimed[key as keyof typeof posts.$inferSelect]])) as {
    [Key in keyof typeof posts.$inferSelect]: (typeof claimed)[Key];
  };
  const rows = await db
    .with(claimed)
    .select({
      post: postColumns,
      sender: {
        id: xAccounts.id,
        xUserId: xAccounts.xUserId,
        username: xAccounts.username,
        queuePaused: xAccounts.queuePaused,
        status: xAccounts.status,
        accessTokenCiphertext: xAccounts.accessTokenCiphertext,
        accessTokenExpiresAt: xAccounts.accessTokenExpiresAt,
      },
      items: sql<BatchItem[]>`(
        select coalesce(json_agg(json_build_object(
          'id', item.id, 'postId', item.post_id, 'position', item.position, 'text', item.text, 'xPostId', item.x_post_id,
          'hasMedia', exists (select 1 from ${postItemMedia} as item_media where item_media.post_item_id = item.id),
          'unresolved', exists (
            select 1 from ${publishAttempts} as attempt
            where attempt.post_id = item.post_id and attempt.item_position = item.position and attempt.status in ('pending', 'outcome_unknown'))
        ) order by item.position), '[]'::json)
        from ${postItems} as item where item.post_id = ${claimed.id})`,
    })
    .from(claimed)
    .leftJoin(xAccounts, eq(xAccounts.id, claimed.xAccountId));
  if (rows.length === 0) return [];
  // Announcing committed claims: the notification need not wait for the disk.
  await emitWorkspaceEvents(
    db,
    rows.map(({ post }) => ({ workspaceId: post.workspaceId, event: postChangedEvent({ postId: post.id, status: 'publishing', scheduledAt: post.scheduledAt }) })),
    { asynchronousCommit: true },
  );
  return rows.map(({ post, sender, items }) => {
    const account = sender ? { id: sender.id, xUserId: sender.xUserId, username: sender.username, queuePaused: sender.queuePaused } : null;
    return { ...post, account, sender, jobId: post.publishJobId!, items };
  });
}
