import { createHash } from 'node:crypto';
import { opaqueToken } from '../random';
import type { SandboxWorld } from '../world';
import type { AccessToken, OAuthClient, PendingAuthorization, PkceMethod } from './types';

export const CODE_LIFETIME_MS = 30_000;
export const ACCESS_TOKEN_LIFETIME_MS = 2 * 60 * 60_000;

/** X's token endpoint answer. */
export type TokenResponse = {
  token_type: 'bearer';
  expires_in: number;
  access_token: string;
  scope: string;
  refresh_token?: string;
};

/** Why a token request failed, in RFC 6749 terms. */
export type TokenFailure = { error: string; description: string };

const LOOPBACK_REDIRECT = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?([/?#].*)?$/;
const BAD_CODE: TokenFailure = {
  error: 'invalid_request',
  description: 'Value passed for the authorization code was invalid.',
};
const BAD_REFRESH: TokenFailure = { error: 'invalid_request', description: 'Value passed for the token was invalid.' };

/**
 * Whether `client` may send people back to `redirectUri`: an exact match with a
 * registered URI, or any loopback URL for a client that allows those (the dev client).
 *
 * @example
 * redirectAllowed(DEV_CLIENT, 'http://localhost:5173/auth/x/callback'); // true
 */
export function redirectAllowed(client: OAuthClient, redirectUri: string): boolean {
  if (client.redirectUris.includes(redirectUri)) return true;
  return client.allowLoopbackRedirects && LOOPBACK_REDIRECT.test(redirectUri);
}

/** `S256` and `plain`, in any letter case (twitter-api-v2 sends `s256`). */
export function pkceMethodOf(value: string | undefined): PkceMethod | undefined {
  const lowered = (value ?? 'plain').toLowerCase();
  return lowered === 's256' ? 'S256' : lowered === 'plain' ? 'plain' : undefined;
}

/**
 * Turns an approved authorize request into a single-use code that expires in 30 s.
 *
 * @example
 * const code = issueCode(world, pending, alice.id);
 */
export function issueCode(world: SandboxWorld, pending: PendingAuthorization, userId: string): string {
  const code = opaqueToken();
  world.store.codes.set(code, {
    code,
    clientId: pending.clientId,
    userId,
    redirectUri: pending.redirectUri,
    scopes: pending.scopes,
    codeChallenge: pending.codeChallenge,
    codeChallengeMethod: pending.codeChallengeMethod,
    expiresAt: world.now() + CODE_LIFETIME_MS,
  });
  world.store.pendingAuthorizations.delete(pending.id);
  return code;
}

/**
 * Exchanges a code for tokens after checking client, redirect URI, expiry and PKCE.
 * The code is spent even when the check fails, as a stolen code must not be retried.
 *
 * @example
 * const result = exchangeCode(world, 'tweetflow-dev', code, redirectUri, verifier);
 */
export function exchangeCode(
  world: SandboxWorld,
  clientId: string,
  code: string,
  redirectUri: string,
  codeVerifier: string,
): TokenResponse | TokenFailure {
  const grant = world.store.codes.get(code);
  world.store.codes.delete(code);
  if (!grant || grant.clientId !== clientId || grant.expiresAt <= world.now()) return BAD_CODE;
  if (grant.redirectUri !== redirectUri) return BAD_CODE;
  const expected =
    grant.codeChallengeMethod === 'S256' ? createHash('sha256').update(codeVerifier).digest('base64url') : codeVerifier;
  if (expected !== grant.codeChallenge) return BAD_CODE;
  return issueTokens(world, grant.userId, clientId, grant.scopes);
}

/**
 * Trades a refresh token for new tokens. Refresh tokens are single-use: the old one stops
 * working at once, so a second refresh with it fails.
 *
 * @example
 * const next = refreshTokens(world, clientId, tokens.refresh_token);
 */
export function refreshTokens(world: SandboxWorld, clientId: string, refreshToken: string): TokenResponse | TokenFailure {
  const grant = world.store.refreshTokens.get(refreshToken);
  if (!grant || grant.clientId !== clientId) return BAD_REFRESH;
  world.store.refreshTokens.delete(refreshToken);
  return issueTokens(world, grant.userId, clientId, grant.scopes);
}

/**
 * Issues an access token (2 h) and, with `offline.access`, a refresh token.
 *
 * @example
 * issueTokens(world, alice.id, 'tweetflow-dev', ['tweet.read', 'users.read']);
 */
export function issueTokens(world: SandboxWorld, userId: string, clientId: string, scopes: string[]): TokenResponse {
  const accessToken = opaqueToken();
  world.store.accessTokens.set(accessToken, {
    token: accessToken,
    userId,
    clientId,
    scopes,
    expiresAt: world.now() + ACCESS_TOKEN_LIFETIME_MS,
  });
  const response: TokenResponse = {
    token_type: 'bearer',
    expires_in: ACCESS_TOKEN_LIFETIME_MS / 1000,
    access_token: accessToken,
    scope: scopes.join(' '),
  };
  if (scopes.includes('offline.access')) {
    const refreshToken = opaqueToken();
    world.store.refreshTokens.set(refreshToken, { token: refreshToken, userId, clientId, scopes });
    response.refresh_token = refreshToken;
    world.stats.issuedTokens.add(refreshToken);
  }
  world.stats.issuedTokens.add(accessToken);
  world.onChange();
  return response;
}

/**
 * Revokes an access or refresh token of `clientId`; unknown tokens are ignored, as RFC 7009 asks.
 *
 * @example
 * revokeToken(world, clientId, accessToken);
 */
export function revokeToken(world: SandboxWorld, clientId: string, token: string): void {
  const owned = [world.store.accessTokens.get(token), world.store.refreshTokens.get(token)].find(
    (grant) => grant?.clientId === clientId,
  );
  if (!owned) return;
  world.store.accessTokens.delete(token);
  world.store.refreshTokens.delete(token);
  world.stats.revokedTokens++;
  world.onChange();
}

/**
 * The live access token behind an `Authorization: Bearer …` header, if any.
 *
 * @example
 * const grant = authenticate(world, request.headers.authorization);
 */
export function authenticate(world: SandboxWorld, authorization: string | undefined): AccessToken | undefined {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  if (!token) return undefined;
  const grant = world.store.accessTokens.get(token);
  if (!grant || grant.expiresAt <= world.now()) return undefined;
  return grant;
}
