import { CodeChallengeMethod, OAuth2Client, type OAuth2Tokens } from 'arctic';
import { xEndpoints } from './endpoints';

export type XOAuthOptions = {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Use the sandbox at this URL instead of X. */
  apiBaseUrl?: string;
};

/** The tokens X granted, in the shape TweetFlow stores them. */
export type XTokenSet = {
  accessToken: string;
  /** Present only when `offline.access` was granted. */
  refreshToken: string | null;
  accessTokenExpiresAt: Date;
  scopes: string[];
};

export type XOAuth = {
  authorizationUrl(state: string, codeVerifier: string, scopes: readonly string[]): URL;
  exchangeCode(code: string, codeVerifier: string): Promise<XTokenSet>;
  refresh(refreshToken: string): Promise<XTokenSet>;
  revoke(token: string): Promise<void>;
};

/**
 * OAuth 2.0 (PKCE S256) against X or the sandbox. arctic's `Twitter` provider has fixed
 * URLs, so this drives its generic `OAuth2Client` with the endpoints for `apiBaseUrl`.
 * X refresh tokens are single-use: store the new one from every `refresh` before using it.
 *
 * @example
 * const oauth = createXOAuth({ clientId, clientSecret, redirectUri });
 * const url = oauth.authorizationUrl(state, verifier, X_SCOPES);
 * const tokens = await oauth.exchangeCode(code, verifier);
 */
export function createXOAuth({ clientId, clientSecret, redirectUri, apiBaseUrl }: XOAuthOptions): XOAuth {
  const endpoints = xEndpoints(apiBaseUrl);
  const client = new OAuth2Client(clientId, clientSecret, redirectUri);
  return {
    authorizationUrl: (state, codeVerifier, scopes) =>
      client.createAuthorizationURLWithPKCE(endpoints.authorize, state, CodeChallengeMethod.S256, codeVerifier, [
        ...scopes,
      ]),
    exchangeCode: async (code, codeVerifier) =>
      toTokenSet(await client.validateAuthorizationCode(endpoints.token, code, codeVerifier)),
    refresh: async (refreshToken) => toTokenSet(await client.refreshAccessToken(endpoints.token, refreshToken, [])),
    revoke: (token) => client.revokeToken(endpoints.revoke, token),
  };
}

function toTokenSet(tokens: OAuth2Tokens): XTokenSet {
  return {
    accessToken: tokens.accessToken(),
    refreshToken: tokens.hasRefreshToken() ? tokens.refreshToken() : null,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt(),
    scopes: tokens.hasScopes() ? tokens.scopes() : [],
  };
}
