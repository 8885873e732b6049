import { error, redirect } from '@sveltejs/kit';
import {
  assertCanConnectXAccount,
  connectXAccount,
  DomainError,
  fetchXProfile,
  findMembershipRole,
  recordAudit,
  rememberCurrentSelection,
  roleAllows,
} from '@tweetflow/core';
import { completeXAuthorization } from '#lib/server/x-authorization.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

/** Back from X with an account to connect: store it (or update it if already connected). */
export const GET: RequestHandler = async ({ cookies, url, locals }) => {
  if (!locals.user) redirect(303, '/auth/sign-in');
  const runtime = await getRuntime();
  const { tokens, purpose } = await completeXAuthorization(runtime, cookies, url, 'connect');
  if (purpose.kind !== 'connect') error(400, 'This authorization was not started to connect an account.');

  // The role is checked again: it may have changed while the person was at X.
  const role = await findMembershipRole(runtime.db, purpose.workspaceId, locals.user.id);
  if (!role || !roleAllows(role, 'editor')) error(403, 'Only editors and owners of this workspace can connect X accounts.');

  const profile = await fetchXProfile(tokens.accessToken, runtime.config.X_API_BASE_URL);
  try {
    await assertCanConnectXAccount(runtime.db, runtime.config, purpose.workspaceId, profile.id);
  } catch (refusal) {
    if (refusal instanceof DomainError) error(429, refusal.message);
    throw refusal;
  }
  const account = await connectXAccount(runtime.db, runtime.xAccounts, {
    workspaceId: purpose.workspaceId,
    userId: locals.user.id,
    tokens,
    profile,
  });
  await recordAudit(runtime.db, {
    action: 'x_account.connected',
    at: runtime.clock.now(),
    actor: { userId: locals.user.id, kind: 'session' },
    workspaceId: purpose.workspaceId,
    target: { type: 'x_account', id: account.id },
    details: { username: account.username },
    client: locals.client,
  });
  await rememberCurrentSelection(runtime.db, locals.user.id, { workspaceId: purpose.workspaceId, xAccountId: account.id });
  redirect(303, `/app/accounts?connected=${encodeURIComponent(account.username)}`);
};
