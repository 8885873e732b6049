import { redirect } from '@sveltejs/kit';
import { apiFor } from '#lib/server/api.ts';
import type { LayoutServerLoad } from './$types';

/**
 * Everything under /app needs a signed-in person. The layout loads who they are and their
 * workspaces; the current workspace is the remembered one, or the first. The current
 * workspace's X accounts come too, for the account switcher; the current one is the
 * remembered one when it is still connected here, or the first. Scheduled deletions come
 * too, so every page can warn about them.
 */
export const load: LayoutServerLoad = async (event) => {
  if (!event.locals.user) {
    redirect(303, `/auth/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  }
  const api = await apiFor(event);
  const [me, workspaces, deletions] = await Promise.all([api.auth.me(), api.workspaces.list(), api.privacy.deletions()]);
  const current = workspaces.find((workspace) => workspace.id === me.currentWorkspaceId) ?? workspaces[0]!;
  const xAccounts = await api.xAccounts.list({ workspaceId: current.id });
  const xAccount = xAccounts.find((account) => account.id === me.currentXAccountId) ?? xAccounts[0] ?? null;
  return { me, workspaces, workspace: current, xAccounts, xAccount, deletions };
};
