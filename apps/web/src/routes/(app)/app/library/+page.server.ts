import { apiFor } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { workspace } = await event.parent();
  const api = await apiFor(event);
  return { library: await api.library.list({ workspaceId: workspace.id }) };
};
