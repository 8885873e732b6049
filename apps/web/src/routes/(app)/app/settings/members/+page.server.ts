import { apiFor } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

/** Members for everyone; pending invites only for owners, the only ones who may see them. */
export const load: PageServerLoad = async (event) => {
  const { workspace } = await event.parent();
  const api = await apiFor(event);
  const [members, invites] = await Promise.all([
    api.workspaces.members({ workspaceId: workspace.id }),
    workspace.role === 'owner' ? api.workspaces.invites({ workspaceId: workspace.id }) : Promise.resolve([]),
  ]);
  return { members, invites };
};
