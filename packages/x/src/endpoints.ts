/** Where X (or the sandbox standing in for it) answers. */
export type XEndpoints = {
  authorize: string;
  token: string;
  revoke: string;
};

const REAL_X_ENDPOINTS: XEndpoints = {
  authorize: 'https://x.com/i/oauth2/authorize',
  token: 'https://api.x.com/2/oauth2/token',
  revoke: 'https://api.x.com/2/oauth2/revoke',
};

/**
 * The OAuth endpoints of the real X, or of the server at `apiBaseUrl` (the sandbox),
 * which serves the same paths on one origin.
 *
 * @example
 * xEndpoints('http://127.0.0.1:3100').token; // 'http://127.0.0.1:3100/2/oauth2/token'
 */
export function xEndpoints(apiBaseUrl?: string): XEndpoints {
  if (!apiBaseUrl) return REAL_X_ENDPOINTS;
  const base = apiBaseUrl.replace(/\/+$/, '');
  return {
    authorize: `${base}/i/oauth2/authorize`,
    token: `${base}/2/oauth2/token`,
    revoke: `${base}/2/oauth2/revoke`,
  };
}
