import { createPosts } from './create-posts';
import type { PostContent, PublishTiming } from './post-input';
import { loadPostViews, type PostView } from './post-view';
import type { PublishingDeps } from './publishing-deps';
import { resolveTiming } from './resolve-timing';

/**
 * Creates one post from the composer: as a draft, to publish now, at a local time in a
 * zone, or in the account's next free queue slot.
 *
 * @example
 * const post = await createPost(db, deps, { workspaceId, userId, userTimezone: 'UTC', content, timing: { kind: 'now' } });
 */
export async function createPost(
  db: Parameters<typeof createPosts>[0],
  deps: PublishingDeps,
  input: { workspaceId: string; userId: string; userTimezone: string; content: PostContent; timing: PublishTiming },
): Promise<PostView> {
  // One transaction: the queue slot found is locked for this account until the post that
  // takes it is written, so two posts added to the queue at once never share a slot.
  const postId = await db.transaction(async (tx) => {
    const timing = await resolveTiming(tx, input.timing, {
      accountId: input.content.accountId,
      now: deps.clock.now(),
      userTimezone: input.userTimezone,
    });
    const [id] = await createPosts(tx, deps, {
      workspaceId: input.workspaceId,
      userId: input.userId,
      posts: [{ content: input.content, ...timing }],
    });
    return id;
  });
  const [view] = await loadPostViews(db, input.workspaceId, [postId!]);
  return view!;
}
