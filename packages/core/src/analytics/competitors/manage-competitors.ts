import { and, eq, sql } from 'drizzle-orm';
import { competitors, type Executor } from '@tweetflow/db';
import { endpointKey } from '@tweetflow/x';
import { DomainError } from '../../errors';
import { XAccountNeedsReauthError, XRateLimitedError } from '../../x-accounts/errors';
import { withXAccount } from '../../x-accounts/with-x-account';
import { analyticsKeepShare, type AnalyticsDeps } from '../analytics-deps';
import { takeCompetitorCalls } from './competitor-budget';
import { readingAccount } from './reading-account';

const USERNAME = /^@?([A-Za-z0-9_]{1,15})$/;

/**
 * Starts tracking a public X account by username: X is asked who it is (one call from the
 * daily competitor budget), and its first full read follows at the next analytics tick.
 *
 * @example
 * const competitor = await addCompetitor(db, analytics, { workspaceId, username: '@rival' });
 */
export async function addCompetitor(db: Executor, deps: AnalyticsDeps, input: { workspaceId: string; username: string; viaAccountId?: string | null }) {
  const match = USERNAME.exec(input.username.trim());
  if (!match) throw new DomainError('bad_request', `"${input.username}" is not an X username (1–15 letters, digits or _).`);
  const username = match[1]!;
  const accountId = await readingAccount(db, input.workspaceId, input.viaAccountId ?? null);
  if (!accountId) throw new DomainError('bad_request', 'Connect an X account first: competitors are looked up with its access.');
  const now = deps.clock.now();
  if (!(await takeCompetitorCalls(db, input.workspaceId, deps.competitorDailyCalls, now))) {
    throw new DomainError('too_many_requests', `Today's competitor budget (${deps.competitorDailyCalls} calls to X) is used up; add it tomorrow.`);
  }
  let found;
  try {
    found = await withXAccount(db, deps.xAccounts, accountId, endpointKey('GET', `/2/users/by/username/${username}`), (x) => x.v2.userByUsername(username, { 'user.fields': ['profile_image_url'] }), {
      keepShare: analyticsKeepShare(deps),
    });
  } catch (error) {
    if (error instanceof XRateLimitedError) throw new DomainError('too_many_requests', 'X’s rate limit for looking up accounts is used up for now; try again in a few minutes.', error.retryAt);
    if (error instanceof XAccountNeedsReauthError) throw new DomainError('bad_request', error.message);
    throw error;
  }
  if (!found.data) throw new DomainError('not_found', `X has no account @${username}.`);
  const [created] = await db
    .insert(competitors)
    .values({
      workspaceId: input.workspaceId,
      xUserId: found.data.id,
      username: found.data.username,
      displayName: found.data.name,
      profileImageUrl: found.data.profile_image_url ?? null,
      viaXAccountId: accountId,
      nextCollectAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) throw new DomainError('conflict', `@${found.data.username} is already tracked in this workspace.`);
  return created;
}

/**
 * Stops tracking a competitor and forgets its history.
 *
 * @example
 * await removeCompetitor(db, { workspaceId, competitorId });
 */
export async function removeCompetitor(db: Executor, input: { workspaceId: string; competitorId: string }): Promise<void> {
  await db.delete(competitors).where(and(eq(competitors.id, input.competitorId), eq(competitors.workspaceId, input.workspaceId)));
}

/**
 * Reads a competitor at the next tick instead of tomorrow (it still costs budget).
 *
 * @example
 * await refreshCompetitor(db, clock.now(), { workspaceId, competitorId });
 */
export async function refreshCompetitor(db: Executor, now: Date, input: { workspaceId: string; competitorId: string }): Promise<void> {
  await db
    .update(competitors)
    .set({ nextCollectAt: sql`least(${competitors.nextCollectAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(competitors.id, input.competitorId), eq(competitors.workspaceId, input.workspaceId)));
}
