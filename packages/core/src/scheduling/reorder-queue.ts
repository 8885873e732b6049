import { and, eq, inArray } from 'drizzle-orm';
import { posts, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import type { PublishingDeps } from '../posts/publishing-deps';
import { reschedulePost } from '../posts/reschedule-post';
import { localDateTimeOf } from './local-time';
import { loadQueueAccount } from './queue-account';
import { lockAccountQueue } from './queue-lock';

/**
 * Puts the given scheduled posts of an account in a new order without changing which
 * times the queue uses: the posts' instants, sorted, are handed out again in the order of
 * `postIds`. Each instant keeps the zone it was chosen in. All or nothing.
 *
 * @example
 * // The last of three queued posts goes first; the other two move one slot later.
 * await reorderQueue(db, deps, { workspaceId, accountId, postIds: [third, first, second] });
 */
export async function reorderQueue(
  db: Executor,
  deps: PublishingDeps,
  input: { workspaceId: string; accountId: string; postIds: string[] },
): Promise<void> {
  if (new Set(input.postIds).size !== input.postIds.length) {
    throw new DomainError('bad_request', 'A post appears twice in the new order; send each post once.');
  }
  await db.transaction(async (tx) => {
    const account = await loadQueueAccount(tx, input);
    await lockAccountQueue(tx, account.id);
    const rows = await tx
      .select({ id: posts.id, status: posts.status, scheduledAt: posts.scheduledAt, timezone: posts.timezone })
      .from(posts)
      .where(and(eq(posts.workspaceId, input.workspaceId), eq(posts.xAccountId, account.id), inArray(posts.id, input.postIds)))
      .for('update');
    const byId = new Map(rows.map((row) => [row.id, row]));
    const queued = input.postIds.map((id) => {
      const post = byId.get(id);
      if (!post || post.status !== 'scheduled' || !post.scheduledAt) {
        throw new DomainError('conflict', `A post in the new order is no longer scheduled on @${account.username}'s queue; reload the queue and try again.`);
      }
      return { id, scheduledAt: post.scheduledAt, timezone: post.timezone };
    });
    const now = deps.clock.now();
    const passed = queued.find((post) => post.scheduledAt.getTime() <= now.getTime());
    if (passed) {
      throw new DomainError(
        'bad_request',
        `The post planned for ${localDateTimeOf(passed.scheduledAt, passed.timezone).replace('T', ' ')} (${passed.timezone}) is past its time and waiting to be published; reorder only posts still to come.`,
      );
    }
    const times = [...queued].sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
    for (const [index, post] of queued.entries()) {
      const time = times[index]!;
      if (time.scheduledAt.getTime() === post.scheduledAt.getTime()) continue;
      await reschedulePost(tx, deps, { workspaceId: input.workspaceId, postId: post.id, scheduledAt: time.scheduledAt, timezone: time.timezone });
    }
  });
}
