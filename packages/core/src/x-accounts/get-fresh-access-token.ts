import { eq } from 'drizzle-orm';
import { OAuth2RequestError, UnexpectedResponseError } from 'arctic';
import { xAccounts, type Executor } from '@tweetflow/db';
import { classifyXError } from '@tweetflow/x';
import { XAccountNeedsReauthError, XAccountNotFoundError, XAccountRefreshUnavailableError } from './errors';
import type { XAccountDeps } from './x-account-deps';

/** Refresh this long before expiry, so a token never runs out in the middle of a job. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export const REJECTED_AUTHORIZATION = 'X rejected the saved authorization; reconnect the account.';
export const NO_OFFLINE_ACCESS = 'The authorization expired and X granted no refresh token (offline access); reconnect the account.';

const tokenColumns = {
  username: xAccounts.username,
  status: xAccounts.status,
  statusReason: xAccounts.statusReason,
  accessTokenCiphertext: xAccounts.accessTokenCiphertext,
  refreshTokenCiphertext: xAccounts.refreshTokenCiphertext,
  accessTokenExpiresAt: xAccounts.accessTokenExpiresAt,
};
/** The fields that decide whether an account may reach X at all. */
type UsabilityRow = Pick<TokenRow, 'username' | 'status' | 'statusReason'>;

type TokenRow = {
  username: string;
  status: 'active' | 'needs_reauth' | 'revoked';
  statusReason: string | null;
  accessTokenCiphertext: string;
  refreshTokenCiphertext: string | null;
  accessTokenExpiresAt: Date;
};

type Outcome = { kind: 'token'; accessToken: string } | { kind: 'needs_reauth'; username: string; reason: string };

/**
 * A valid access token for the account, refreshed first when it expires within five
 * minutes (or when `force` is set, after X answered 401). X refresh tokens are single-use,
 * so refreshing holds the account's row lock: a second worker waits, then finds the new
 * token instead of spending the old refresh token again (which would cost the account its
 * authorization). A refresh X rejects marks the account `needs_reauth`; such accounts
 * never reach X again until reconnected.
 *
 * @example
 * const accessToken = await getFreshAccessToken(db, deps, accountId);
 */
export async function getFreshAccessToken(
  db: Executor,
  deps: Pick<XAccountDeps, 'clock' | 'keyring' | 'oauth'>,
  accountId: string,
  { force = false }: { force?: boolean } = {},
): Promise<string> {
  const [seen] = await db.select(tokenColumns).from(xAccounts).where(eq(xAccounts.id, accountId));
  if (!seen) throw new XAccountNotFoundError(accountId);
  assertUsable(accountId, seen);
  if (!force && !expiresSoon(seen, deps.clock.now())) return deps.keyring.decrypt(seen.accessTokenCiphertext);

  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const [row] = await tx.select(tokenColumns).from(xAccounts).where(eq(xAccounts.id, accountId)).for('update');
    if (!row) throw new XAccountNotFoundError(accountId);
    assertUsable(accountId, row);
    // Another worker may have refreshed while this one waited for the lock.
    const refreshedMeanwhile = row.accessTokenCiphertext !== seen.accessTokenCiphertext;
    if (force ? refreshedMeanwhile : !expiresSoon(row, deps.clock.now())) {
      return { kind: 'token', accessToken: deps.keyring.decrypt(row.accessTokenCiphertext) };
    }
    const reauth = (reason: string) => markNeedsReauth(tx, accountId, row.username, reason, deps.clock.now());
    if (row.refreshTokenCiphertext === null) return reauth(NO_OFFLINE_ACCESS);

    let tokens;
    try {
      tokens = await deps.oauth.refresh(deps.keyring.decrypt(row.refreshTokenCiphertext));
    } catch (error) {
      if (isRejectedGrant(error)) return reauth(REJECTED_AUTHORIZATION);
      throw new XAccountRefreshUnavailableError(accountId, row.username, classifyXError(error).message, { cause: error });
    }
    const now = deps.clock.now();
    await tx
      .update(xAccounts)
      .set({
        accessTokenCiphertext: deps.keyring.encrypt(tokens.accessToken),
        // The old refresh token is spent now; X sends its successor with every refresh.
        refreshTokenCiphertext: tokens.refreshToken === null ? null : deps.keyring.encrypt(tokens.refreshToken),
        accessTokenExpiresAt: tokens.accessTokenExpiresAt,
        ...(tokens.scopes.length > 0 ? { scopes: tokens.scopes } : {}),
        lastRefreshedAt: now,
        updatedAt: now,
      })
      .where(eq(xAccounts.id, accountId));
    return { kind: 'token', accessToken: tokens.accessToken };
  });
  // Thrown after the transaction, so the needs_reauth mark is committed, not rolled back.
  if (outcome.kind === 'needs_reauth') throw new XAccountNeedsReauthError(accountId, outcome.username, outcome.reason);
  return outcome.accessToken;
}

/**
 * Throws `XAccountNeedsReauthError` for an account that must be reconnected before any call.
 *
 * @example
 * assertUsable(account.id, account); // passes for status 'active'
 */
export function assertUsable(accountId: string, row: UsabilityRow): void {
  if (row.status === 'active') return;
  const reason =
    row.statusReason ??
    (row.status === 'revoked' ? 'The authorization was revoked at X; reconnect the account.' : REJECTED_AUTHORIZATION);
  throw new XAccountNeedsReauthError(accountId, row.username, reason);
}

function expiresSoon(row: TokenRow, now: Date): boolean {
  return row.accessTokenExpiresAt.getTime() - now.getTime() <= REFRESH_MARGIN_MS;
}

/** X answered the refresh itself with a refusal (not an outage): the grant is gone. */
function isRejectedGrant(error: unknown): boolean {
  if (error instanceof OAuth2RequestError) return true;
  return error instanceof UnexpectedResponseError && (error.status === 400 || error.status === 401);
}

async function markNeedsReauth(tx: Executor, accountId: string, username: string, reason: string, now: Date): Promise<Outcome> {
  await tx
    .update(xAccounts)
    .set({ status: 'needs_reauth', statusReason: reason, updatedAt: now })
    .where(eq(xAccounts.id, accountId));
  return { kind: 'needs_reauth', username, reason };
}
