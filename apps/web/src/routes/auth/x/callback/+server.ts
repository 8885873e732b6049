import { redirect } from '@sveltejs/kit';
import { connectXAccount, fetchXProfile, findOrCreateUserForX, recordAudit } from '@tweetflow/core';
import { completeXAuthorization } from '#lib/server/x-authorization.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import { startSession } from '#lib/server/sign-in-session.ts';
import type { RequestHandler } from './$types';

/**
 * Back from X after "Sign in with X": find (or create) the person linked to that X user,
 * connect the account to their personal workspace, and start a session.
 */
export const GET: RequestHandler = async ({ cookies, url, locals }) => {
  const runtime = await getRuntime();
  const { tokens } = await completeXAuthorization(runtime, cookies, url, 'sign-in');
  const profile = await fetchXProfile(tokens.accessToken, runtime.config.X_API_BASE_URL);
  const user = await findOrCreateUserForX(runtime.db, { xUserId: profile.id, displayName: profile.name, timezone: 'UTC' });
  await connectXAccount(runtime.db, runtime.xAccounts, { workspaceId: user.workspaceId, userId: user.id, tokens, profile });
  await startSession(cookies, url, user.id);
  await recordAudit(runtime.db, {
    action: 'auth.signed_in_with_x',
    at: runtime.clock.now(),
    actor: { userId: user.id, kind: 'session' },
    details: { username: profile.username },
    client: locals.client,
  });
  redirect(303, user.created ? '/app?welcome=1' : '/app');
};
