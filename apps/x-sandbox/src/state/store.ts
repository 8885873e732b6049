import type {
  AccessToken,
  AuthorizationCode,
  OAuthClient,
  PendingAuthorization,
  RefreshToken,
  SandboxMedia,
  SandboxPost,
  SandboxUser,
  SandboxWebhook,
} from './types';

/** The default client every dev setup can use without registering anything. */
export const DEV_CLIENT: OAuthClient = {
  clientId: 'tweetflow-dev',
  clientSecret: 'tweetflow-dev-secret',
  redirectUris: [],
  allowLoopbackRedirects: true,
  name: 'TweetFlow (dev)',
};

/**
 * Everything the sandbox knows, in memory, with the indexes the hot paths need:
 * posts by id, by author (oldest first), by mention, and by author + text for the
 * duplicate check, so posting and reading stay O(1) per post as the store grows.
 */
export class SandboxStore {
  readonly users = new Map<string, SandboxUser>();
  readonly userIdByUsername = new Map<string, string>();
  readonly posts = new Map<string, SandboxPost>();
  readonly postIdsByAuthor = new Map<string, string[]>();
  readonly postIdsByMention = new Map<string, string[]>();
  /** Every post id, oldest first: the order search walks backwards. */
  readonly postIds: string[] = [];
  readonly postIdByAuthorText = new Map<string, string>();
  readonly postsCreatedByUser = new Map<string, number>();
  readonly clients = new Map<string, OAuthClient>([[DEV_CLIENT.clientId, DEV_CLIENT]]);
  readonly pendingAuthorizations = new Map<string, PendingAuthorization>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  readonly media = new Map<string, SandboxMedia>();
  readonly webhooks = new Map<string, SandboxWebhook>();

  addUser(user: SandboxUser): void {
    this.users.set(user.id, user);
    this.userIdByUsername.set(user.username.toLowerCase(), user.id);
  }

  userByUsername(username: string): SandboxUser | undefined {
    const id = this.userIdByUsername.get(username.toLowerCase());
    return id ? this.users.get(id) : undefined;
  }

  addPost(post: SandboxPost): void {
    this.posts.set(post.id, post);
    this.postIds.push(post.id);
    listFor(this.postIdsByAuthor, post.authorId).push(post.id);
    for (const userId of post.mentionedUserIds) listFor(this.postIdsByMention, userId).push(post.id);
    this.postIdByAuthorText.set(authorTextKey(post.authorId, post.text), post.id);
  }

  removePost(post: SandboxPost): void {
    this.posts.delete(post.id);
    removeId(this.postIds, post.id);
    removeId(listFor(this.postIdsByAuthor, post.authorId), post.id);
    for (const userId of post.mentionedUserIds) removeId(listFor(this.postIdsByMention, userId), post.id);
    const key = authorTextKey(post.authorId, post.text);
    if (this.postIdByAuthorText.get(key) === post.id) this.postIdByAuthorText.delete(key);
  }

  /** The author's live post with exactly this text, if any. */
  duplicateOf(authorId: string, text: string): SandboxPost | undefined {
    const id = this.postIdByAuthorText.get(authorTextKey(authorId, text));
    return id ? this.posts.get(id) : undefined;
  }

  clear(): void {
    for (const value of Object.values(this)) {
      if (value instanceof Map) value.clear();
      else if (Array.isArray(value)) value.length = 0;
    }
    this.clients.set(DEV_CLIENT.clientId, DEV_CLIENT);
  }
}

function authorTextKey(authorId: string, text: string): string {
  return `${authorId}\n${text}`;
}

function listFor(index: Map<string, string[]>, key: string): string[] {
  let list = index.get(key);
  if (!list) index.set(key, (list = []));
  return list;
}

/** Removes an id from an ascending list by binary search (ids only ever grow). */
function removeId(list: string[], id: string): void {
  const index = indexOfId(list, id);
  if (index !== -1) list.splice(index, 1);
}

/**
 * Position of `id` in an ascending id list, or -1.
 *
 * @example
 * indexOfId(['1', '5', '9'], '5'); // 1
 */
export function indexOfId(list: string[], id: string): number {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = list[middle] ?? '';
    const order = candidate.length - id.length || (candidate < id ? -1 : candidate > id ? 1 : 0);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
