import { xAccounts } from '@tweetflow/db';

/**
 * What the app may show about a connected account. Built from an explicit column list so
 * token ciphertexts never leave the service layer, even if columns are added later.
 */
export type XAccountView = {
  id: string;
  xUserId: string;
  username: string;
  displayName: string;
  profileImageUrl: string | null;
  status: 'active' | 'needs_reauth' | 'revoked';
  statusReason: string | null;
  scopes: string[];
  accessTokenExpiresAt: Date;
  lastRefreshedAt: Date | null;
  timezone: string;
};

/** The columns of `XAccountView`, for `select(…)` and `returning(…)`. */
export const xAccountViewColumns = {
  id: xAccounts.id,
  xUserId: xAccounts.xUserId,
  username: xAccounts.username,
  displayName: xAccounts.displayName,
  profileImageUrl: xAccounts.profileImageUrl,
  status: xAccounts.status,
  statusReason: xAccounts.statusReason,
  scopes: xAccounts.scopes,
  accessTokenExpiresAt: xAccounts.accessTokenExpiresAt,
  lastRefreshedAt: xAccounts.lastRefreshedAt,
  timezone: xAccounts.timezone,
};
