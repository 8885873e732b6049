import { createXClient, type XTokenSet } from '@tweetflow/x';
import { xAccounts, type Executor } from '@tweetflow/db';
import type { XAccountDeps } from './x-account-deps';
import { xAccountViewColumns, type XAccountView } from './x-account-view';

/** Who the tokens belong to, as `GET /2/users/me` answers with `profile_image_url`. */
export type XProfile = { id: string; username: string; name: string; profile_image_url?: string };

export type ConnectXAccountInput = {
  workspaceId: string;
  userId: string;
  tokens: XTokenSet;
  /** Pass it when the caller already asked X, to save a second request. */
  profile?: XProfile;
};

/**
 * Stores the tokens of a finished OAuth flow as a connected account, after asking X whose
 * they are. Connecting an account the workspace already has updates that row (new tokens,
 * fresh profile, status back to active) instead of adding a second one.
 *
 * @example
 * const tokens = await oauth.exchangeCode(code, verifier);
 * const account = await connectXAccount(db, deps, { workspaceId, userId, tokens });
 */
export async function connectXAccount(
  db: Executor,
  { clock, keyring, apiBaseUrl }: Pick<XAccountDeps, 'clock' | 'keyring' | 'apiBaseUrl'>,
  { workspaceId, userId, tokens, profile: known }: ConnectXAccountInput,
): Promise<XAccountView> {
  const profile = known ?? (await fetchXProfile(tokens.accessToken, apiBaseUrl));
  const now = clock.now();
  const credentials = {
    accessTokenCiphertext: keyring.encrypt(tokens.accessToken),
    refreshTokenCiphertext: tokens.refreshToken === null ? null : keyring.encrypt(tokens.refreshToken),
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    scopes: tokens.scopes,
  };
  const details = {
    username: profile.username,
    displayName: profile.name,
    profileImageUrl: profile.profile_image_url ?? null,
  };
  const [account] = await db
    .insert(xAccounts)
    .values({ workspaceId, xUserId: profile.id, connectedByUserId: userId, ...details, ...credentials, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [xAccounts.workspaceId, xAccounts.xUserId],
      set: { ...details, ...credentials, status: 'active', statusReason: null, connectedByUserId: userId, updatedAt: now },
    })
    .returning(xAccountViewColumns);
  return account as XAccountView;
}

/** The X user behind an access token. */
export async function fetchXProfile(accessToken: string, apiBaseUrl: string | undefined): Promise<XProfile> {
  const { data } = await createXClient({ accessToken, apiBaseUrl }).v2.me({ 'user.fields': ['profile_image_url'] });
  return data;
}
