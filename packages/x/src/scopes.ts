/**
 * The OAuth 2.0 scopes TweetFlow asks X for. `offline.access` is what makes X hand out a
 * refresh token; without it a connection dies after two hours.
 *
 * @example
 * oauth.authorizationUrl(state, verifier, [...X_SCOPES]);
 */
export const X_SCOPES = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'like.write',
  'media.write',
  'offline.access',
] as const;

export type XScope = (typeof X_SCOPES)[number];
