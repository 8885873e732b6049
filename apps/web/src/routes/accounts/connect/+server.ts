import { error, redirect } from '@sveltejs/kit';
import { findMembershipRole, roleAllows } from '@tweetflow/core';
import { z } from 'zod';
import { beginXAuthorization } from '#lib/server/x-authorization.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

/** "Connect an X account" to a workspace: editors and owners only. */
export const GET: RequestHandler = async ({ cookies, url, locals }) => {
  if (!locals.user) redirect(303, `/auth/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  const workspaceId = z.uuid().safeParse(url.searchParams.get('workspaceId'));
  if (!workspaceId.success) error(400, 'Choose the workspace to connect the account to.');

  const runtime = await getRuntime();
  const role = await findMembershipRole(runtime.db, workspaceId.data, locals.user.id);
  if (!role || !roleAllows(role, 'editor')) error(403, 'Only editors and owners of this workspace can connect X accounts.');
  const authorizeUrl = beginXAuthorization(runtime, cookies, url, { kind: 'connect', workspaceId: workspaceId.data });
  redirect(302, authorizeUrl, { external: [authorizeUrl.origin] });
};
