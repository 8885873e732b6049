import type { SandboxWorld } from '../world';
import { activityForFollow, activityForLike } from './activity';
import type { SandboxPost, SandboxUser } from './types';

/**
 * Records a like (idempotent, as on X) and tells the author's webhooks.
 *
 * @example
 * likePost(world, bob, post);
 */
export function likePost(world: SandboxWorld, user: SandboxUser, post: SandboxPost): void {
  if (post.likedBy.has(user.id)) return;
  post.likedBy.add(user.id);
  world.onChange();
  const event = activityForLike(world, post, user);
  if (event) world.onActivity(event);
}

/** Removes a like, if there was one. */
export function unlikePost(world: SandboxWorld, user: SandboxUser, post: SandboxPost): void {
  if (post.likedBy.delete(user.id)) world.onChange();
}

/** Records a repost (idempotent). */
export function repostPost(world: SandboxWorld, user: SandboxUser, post: SandboxPost): void {
  if (post.repostedBy.has(user.id)) return;
  post.repostedBy.add(user.id);
  world.onChange();
}

/** Removes a repost, if there was one. */
export function unrepostPost(world: SandboxWorld, user: SandboxUser, post: SandboxPost): void {
  if (post.repostedBy.delete(user.id)) world.onChange();
}

/**
 * Makes `source` follow `target` and tells the target's webhooks.
 *
 * @example
 * followUser(world, bob, alice);
 */
export function followUser(world: SandboxWorld, source: SandboxUser, target: SandboxUser): void {
  if (source.id === target.id || target.followerIds.has(source.id)) return;
  target.followerIds.add(source.id);
  source.followingIds.add(target.id);
  world.onChange();
  world.onActivity(activityForFollow(world, source, target));
}
