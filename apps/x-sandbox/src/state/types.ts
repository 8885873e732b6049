/** A sandbox account, as X would describe it. */
export type SandboxUser = {
  id: string;
  username: string;
  name: string;
  description: string;
  createdAt: number;
  /** Premium accounts may post up to 25,000 weighted characters. */
  premium: boolean;
  verified: boolean;
  followerIds: Set<string>;
  followingIds: Set<string>;
};

export type SandboxPoll = { options: string[]; durationMinutes: number };

export type SandboxPost = {
  id: string;
  authorId: string;
  text: string;
  createdAt: number;
  /** Id of the first post of the thread (its own id for a root post). */
  conversationId: string;
  inReplyToPostId?: string;
  inReplyToUserId?: string;
  quotedPostId?: string;
  mediaIds: string[];
  poll?: SandboxPoll;
  /** Users mentioned by @username, resolved when posted. */
  mentionedUserIds: string[];
  likedBy: Set<string>;
  repostedBy: Set<string>;
  replyCount: number;
  quoteCount: number;
};

export type OAuthClient = {
  clientId: string;
  /** Null for a public client (PKCE only). */
  clientSecret: string | null;
  redirectUris: string[];
  /** The dev client accepts any http://localhost or 127.0.0.1 redirect. */
  allowLoopbackRedirects: boolean;
  name: string;
};

export type PkceMethod = 'S256' | 'plain';

/** An authorize request that passed validation and waits for the person to approve it. */
export type PendingAuthorization = {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  codeChallengeMethod: PkceMethod;
  scopes: string[];
  createdAt: number;
};

export type AuthorizationCode = {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string;
  codeChallengeMethod: PkceMethod;
  expiresAt: number;
};

export type AccessToken = { token: string; userId: string; clientId: string; scopes: string[]; expiresAt: number };
export type RefreshToken = { token: string; userId: string; clientId: string; scopes: string[] };

export type MediaState = 'uploading' | 'pending' | 'in_progress' | 'succeeded' | 'failed';

export type SandboxMedia = {
  id: string;
  mediaKey: string;
  ownerId: string;
  mediaType: string;
  category: string;
  totalBytes: number;
  receivedBytes: number;
  segments: Set<number>;
  state: MediaState;
  createdAt: number;
  finalizedAt?: number;
  /** STATUS polls seen since finalize; each moves processing one step on. */
  statusPolls: number;
  /** Set through POST /2/media/metadata; what screen readers say for the media on X. */
  altText?: string;
};

export type SandboxWebhook = {
  id: string;
  url: string;
  /** The app whose secret signs deliveries and answers the CRC. */
  clientId: string;
  createdAt: number;
  valid: boolean;
  subscribedUserIds: Set<string>;
};
