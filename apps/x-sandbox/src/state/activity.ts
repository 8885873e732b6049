import type { ActivityEvent, SandboxWorld } from '../world';
import type { SandboxPost, SandboxUser } from './types';

/**
 * Account-activity events in X's webhook payload shape (v1.1-style objects, as the
 * Account Activity API still sends them).
 */

/** A new post reaches its author and everyone it mentions or replies to. */
export function activityForPost(world: SandboxWorld, post: SandboxPost): ActivityEvent[] {
  const author = world.store.users.get(post.authorId);
  if (!author) return [];
  const status = statusObject(post, author, world);
  return [post.authorId, ...post.mentionedUserIds].map((forUserId) => ({
    forUserId,
    payload: { for_user_id: forUserId, tweet_create_events: [status] },
  }));
}

/** A like reaches the liked post's author. */
export function activityForLike(world: SandboxWorld, post: SandboxPost, liker: SandboxUser): ActivityEvent | undefined {
  const author = world.store.users.get(post.authorId);
  if (!author) return undefined;
  const now = world.now();
  return {
    forUserId: post.authorId,
    payload: {
      for_user_id: post.authorId,
      favorite_events: [
        {
          id: `${liker.id}-${post.id}`,
          created_at: new Date(now).toUTCString(),
          timestamp_ms: now,
          favorited_status: statusObject(post, author, world),
          user: userObject(liker),
        },
      ],
    },
  };
}

/** A follow reaches the followed user. */
export function activityForFollow(world: SandboxWorld, source: SandboxUser, target: SandboxUser): ActivityEvent {
  return {
    forUserId: target.id,
    payload: {
      for_user_id: target.id,
      follow_events: [
        { type: 'follow', created_timestamp: String(world.now()), target: userObject(target), source: userObject(source) },
      ],
    },
  };
}

function statusObject(post: SandboxPost, author: SandboxUser, world: SandboxWorld) {
  return {
    created_at: new Date(post.createdAt).toUTCString(),
    id_str: post.id,
    text: post.text,
    in_reply_to_status_id_str: post.inReplyToPostId ?? null,
    in_reply_to_user_id_str: post.inReplyToUserId ?? null,
    user: userObject(author),
    entities: {
      user_mentions: post.mentionedUserIds.flatMap((id) => {
        const user = world.store.users.get(id);
        return user ? [{ id_str: user.id, screen_name: user.username, name: user.name }] : [];
      }),
    },
  };
}

function userObject(user: SandboxUser) {
  return { id: user.id, id_str: user.id, name: user.name, screen_name: user.username };
}
