import { and, eq, isNotNull } from 'drizzle-orm';
import { posts, type Executor } from '@tweetflow/db';
import { selectPostSummaries, type PostSummary } from './post-summaries';
import { loadQueueAccount } from './queue-account';

/** An account's queue: its scheduled posts in publishing order. */
export type UpcomingQueue = {
  account: { id: string; username: string; timezone: string; paused: boolean };
  posts: PostSummary[];
};

/**
 * The account's scheduled posts, earliest first, however they were scheduled (queue,
 * composer, series, import). Posts held by a paused queue are included even when their
 * time has passed, since they still wait to go out.
 *
 * @example
 * const { account, posts } = await listUpcomingQueue(db, { workspaceId, accountId, limit: 100 });
 */
export async function listUpcomingQueue(
  db: Executor,
  input: { workspaceId: string; accountId: string; limit: number },
): Promise<UpcomingQueue> {
  const account = await loadQueueAccount(db, input);
  const upcoming = await selectPostSummaries(
    db,
    and(eq(posts.workspaceId, input.workspaceId), eq(posts.xAccountId, account.id), eq(posts.status, 'scheduled'), isNotNull(posts.scheduledAt)),
    input.limit,
  );
  return {
    account: { id: account.id, username: account.username, timezone: account.timezone, paused: account.queuePaused },
    posts: upcoming,
  };
}
