import type { FaultSpec } from './faults';
import type { RateLimitTier } from '@tweetflow/x/limits';
import { followUser, likePost, repostPost } from './state/engagement';
import { issueTokens, type TokenResponse } from './state/oauth';
import { publishPost } from './state/posts';
import { DEV_CLIENT } from './state/store';
import type { OAuthClient, SandboxPost, SandboxUser } from './state/types';
import { createUser, findUser, type NewUser } from './state/users';
import type { SandboxWorld } from './world';

/** Thrown by admin operations given something that does not exist or is not allowed. */
/** A post as the admin API lists it. */
export type AdminPostView = {
  id: string;
  text: string;
  createdAt: string;
  inReplyToPostId: string | null;
  quotedPostId: string | null;
  mediaCount: number;
  /** Each attached media's alt text, in order ('' where none was set). */
  mediaAltTexts: string[];
};

export class AdminRequestError extends Error {}

export type NewClient = {
  clientId?: string;
  clientSecret?: string | null;
  redirectUris?: string[];
  allowLoopbackRedirects?: boolean;
  name?: string;
};

/** A post made as a user; `createdAt` (epoch ms, not in the future) backdates it to seed a history. */
export type ActAsPost = { text: string; replyTo?: string; quote?: string; createdAt?: number };

/** Numbers for tests that assert how TweetFlow behaved. */
export type SandboxStatsSnapshot = {
  requestsByEndpoint: Record<string, number>;
  rateLimitedResponses: number;
  overLimitAttemptsByEndpoint: Record<string, number>;
  overLimitAttempts: number;
  injectedFaults: number;
  lostResponses: number;
  postsByUser: Record<string, number>;
  duplicatePostsSeen: number;
  revokedTokens: number;
  webhookDeliveries: number;
  webhookFailures: number;
};

/**
 * What tests, the dev script and the `/__sandbox/` HTTP API can do to the sandbox beyond
 * what X allows: make users and clients, act as other users, move time, break things.
 *
 * @example
 * const alice = sandbox.admin.createUser({ username: 'alice' });
 * const { access_token } = sandbox.admin.issueToken(alice.id);
 * sandbox.admin.advanceClock(15 * 60_000);
 */
export class SandboxAdmin {
  constructor(private readonly world: SandboxWorld) {}

  reset(): void {
    this.world.reset();
  }

  createUser(input: NewUser): SandboxUser {
    return createUser(this.world, input);
  }

  users(): SandboxUser[] {
    return [...this.world.store.users.values()];
  }

  registerClient(input: NewClient): OAuthClient {
    const client: OAuthClient = {
      clientId: input.clientId ?? `client-${this.world.ids.next()}`,
      clientSecret: input.clientSecret === undefined ? `secret-${this.world.ids.next()}` : input.clientSecret,
      redirectUris: input.redirectUris ?? [],
      allowLoopbackRedirects: input.allowLoopbackRedirects ?? false,
      name: input.name ?? input.clientId ?? 'Sandbox app',
    };
    this.world.store.clients.set(client.clientId, client);
    this.world.onChange();
    return client;
  }

  /** Tokens for a user without the authorize page (all TweetFlow scopes unless given). */
  issueToken(userReference: string, scopes?: string[], clientId = DEV_CLIENT.clientId): TokenResponse {
    const user = this.#user(userReference);
    if (!this.world.store.clients.has(clientId)) throw new AdminRequestError(`No client ${clientId}.`);
    const granted = scopes ?? ['tweet.read', 'tweet.write', 'users.read', 'like.write', 'media.write', 'offline.access'];
    return issueTokens(this.world, user.id, clientId, granted);
  }

  post(userReference: string, draft: ActAsPost): SandboxPost {
    if (draft.createdAt !== undefined && !(draft.createdAt <= this.world.now())) throw new AdminRequestError('A post cannot be made in the future.');
    const result = publishPost(this.world, this.#user(userReference), {
      ...(draft.createdAt !== undefined ? { createdAt: draft.createdAt } : {}),
      text: draft.text,
      ...(draft.replyTo ? { replyToPostId: draft.replyTo } : {}),
      ...(draft.quote ? { quotedPostId: draft.quote } : {}),
    });
    if (!result.ok) {
      const body = result.response.kind === 'json' ? (result.response.body as { detail?: string; errors?: { message: string }[] }) : {};
      throw new AdminRequestError(body.errors?.[0]?.message ?? body.detail ?? 'The post was rejected.');
    }
    return result.post;
  }

  /** A user's posts, oldest first, as tests check what was published (thread order, media, replies). */
  postsOf(userReference: string): AdminPostView[] {
    const user = this.#user(userReference);
    return [...this.world.store.posts.values()]
      .filter((post) => post.authorId === user.id)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((post) => ({
        id: post.id,
        text: post.text,
        createdAt: new Date(post.createdAt).toISOString(),
        inReplyToPostId: post.inReplyToPostId ?? null,
        quotedPostId: post.quotedPostId ?? null,
        mediaCount: post.mediaIds.length,
        mediaAltTexts: post.mediaIds.map((id) => this.world.store.media.get(id)?.altText ?? ''),
      }));
  }

  like(userReference: string, postId: string): void {
    likePost(this.world, this.#user(userReference), this.#post(postId));
  }

  repost(userReference: string, postId: string): void {
    repostPost(this.world, this.#user(userReference), this.#post(postId));
  }

  follow(userReference: string, targetReference: string): void {
    followUser(this.world, this.#user(userReference), this.#user(targetReference));
  }

  advanceClock(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new AdminRequestError('The clock only moves forward.');
    this.world.clock.advance(ms);
    return this.world.now();
  }

  injectFault(spec: FaultSpec): number {
    return this.world.faults.add(spec);
  }

  faults(): ReturnType<SandboxWorld['faults']['list']> {
    return this.world.faults.list();
  }

  clearFaults(): void {
    this.world.faults.clear();
  }

  /** Makes access tokens (all, or one user's) expired now, as if two hours had passed for them. */
  expireTokens(userReference?: string): number {
    const userId = userReference === undefined ? undefined : this.#user(userReference).id;
    let expired = 0;
    for (const grant of this.world.store.accessTokens.values()) {
      if (userId !== undefined && grant.userId !== userId) continue;
      grant.expiresAt = Math.min(grant.expiresAt, this.world.now());
      expired++;
    }
    this.world.onChange();
    return expired;
  }

  setTier(tier: RateLimitTier): void {
    this.world.rateLimits.tier = tier;
  }

  /** Every access and refresh token issued since the last reset (dev and test only). */
  issuedTokens(): string[] {
    return [...this.world.stats.issuedTokens];
  }

  stats(): SandboxStatsSnapshot {
    const { stats, store } = this.world;
    const postsByUser: Record<string, number> = {};
    for (const [userId, count] of store.postsCreatedByUser) postsByUser[store.users.get(userId)?.username ?? userId] = count;
    const overLimit = Object.fromEntries(stats.overLimitAttemptsByEndpoint);
    return {
      requestsByEndpoint: Object.fromEntries(stats.requestsByEndpoint),
      rateLimitedResponses: stats.rateLimitedResponses,
      overLimitAttemptsByEndpoint: overLimit,
      overLimitAttempts: Object.values(overLimit).reduce((sum, count) => sum + count, 0),
      injectedFaults: stats.injectedFaults,
      lostResponses: stats.lostResponses,
      postsByUser,
      duplicatePostsSeen: stats.duplicatePostsSeen,
      revokedTokens: stats.revokedTokens,
      webhookDeliveries: stats.webhookDeliveries,
      webhookFailures: stats.webhookFailures,
    };
  }

  #user(reference: string): SandboxUser {
    const user = findUser(this.world, reference);
    if (!user) throw new AdminRequestError(`No sandbox user ${reference}.`);
    return user;
  }

  #post(id: string): SandboxPost {
    const post = this.world.store.posts.get(id);
    if (!post) throw new AdminRequestError(`No post ${id}.`);
    return post;
  }
}
