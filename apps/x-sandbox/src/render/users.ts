import type { SandboxWorld } from '../world';
import type { SandboxUser } from '../state/types';

/**
 * A user as X's v2 `User` object: id, name and username always, the rest on request.
 *
 * @example
 * renderUser(world, alice, new Set(['public_metrics']));
 */
export function renderUser(world: SandboxWorld, user: SandboxUser, fields: Set<string>): Record<string, unknown> {
  const rendered: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  if (fields.has('created_at')) rendered.created_at = new Date(user.createdAt).toISOString();
  if (fields.has('description')) rendered.description = user.description;
  if (fields.has('verified')) rendered.verified = user.verified;
  if (fields.has('profile_image_url')) {
    rendered.profile_image_url = `https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png`;
  }
  if (fields.has('public_metrics')) {
    rendered.public_metrics = {
      followers_count: user.followerIds.size,
      following_count: user.followingIds.size,
      tweet_count: world.store.postIdsByAuthor.get(user.id)?.length ?? 0,
      listed_count: 0,
      like_count: 0,
    };
  }
  return rendered;
}
