import { apiFor } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { workspace } = await event.parent();
  const api = await apiFor(event);
  const [workflows, templates] = await Promise.all([api.workflows.list({ workspaceId: workspace.id }), api.workflows.templates()]);
  return { workflows, templates };
};
