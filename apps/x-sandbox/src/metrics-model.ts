import { seededFraction } from './random';
import type { SandboxPost } from './state/types';

const HOUR = 60 * 60_000;

export type PublicMetrics = {
  retweet_count: number;
  reply_count: number;
  like_count: number;
  quote_count: number;
  impression_count: number;
  bookmark_count: number;
};

export type PrivateMetrics = {
  impression_count: number;
  like_count: number;
  reply_count: number;
  retweet_count: number;
  url_link_clicks: number;
  user_profile_clicks: number;
};

export type PostMetrics = { public: PublicMetrics; private: PrivateMetrics };

/**
 * Simulated engagement for a post at a moment: each post gets a reach and a pace drawn
 * from the seed and its id, and its audience saturates along 1 - e^(-age/pace), so
 * numbers only grow, level off after a day or two, and are identical for the same seed,
 * post and clock. Real sandbox likes, reposts, replies and quotes are added on top.
 *
 * @example
 * metricsAt(post, seed, clock.now()).public.impression_count; // e.g. 1834
 */
export function metricsAt(post: SandboxPost, seed: number, now: number): PostMetrics {
  const draw = (name: string) => seededFraction(seed, `${post.id}:${name}`);
  const reach = 200 + Math.floor(draw('reach') * 4_800);
  const paceMs = (2 + draw('pace') * 10) * HOUR;
  const age = Math.max(0, now - post.createdAt);
  const impressions = Math.floor(reach * (1 - Math.exp(-age / paceMs)));
  const share = (name: string, rate: number) => Math.floor(impressions * rate * draw(name));

  const likes = share('likes', 0.05) + post.likedBy.size;
  const reposts = share('reposts', 0.01) + post.repostedBy.size;
  const replies = share('replies', 0.005) + post.replyCount;
  const quotes = share('quotes', 0.002) + post.quoteCount;
  return {
    public: {
      retweet_count: reposts,
      reply_count: replies,
      like_count: likes,
      quote_count: quotes,
      impression_count: impressions,
      bookmark_count: share('bookmarks', 0.01),
    },
    private: {
      impression_count: impressions,
      like_count: likes,
      reply_count: replies,
      retweet_count: reposts,
      url_link_clicks: share('link-clicks', 0.02),
      user_profile_clicks: share('profile-clicks', 0.01),
    },
  };
}
