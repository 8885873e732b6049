import { error, redirect } from '@sveltejs/kit';
import { connectXAccount, findMembershipRole, rememberCurrentSelection, roleAllows } from '@tweetflow/core';
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

  const account = await connectXAccount(runtime.db, runtime.xAccounts, {
    workspaceId: purpose.workspaceId,
    userId: locals.user.id,
    tokens,
  });
  await rememberCurrentSelection(runtime.db, locals.user.id, { workspaceId: purpose.workspaceId, xAccountId: account.id });
  redirect(303, `/app/accounts?connected=${encodeURIComponent(account.username)}`);
};
