import { apiFor } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

/** Workspace data is for owners; others see why the page is empty. */
export const load: PageServerLoad = async (event) => {
  const { workspace } = await event.parent();
  if (workspace.role !== 'owner') return { owner: false as const };
  const api = await apiFor(event);
  const workspaceId = workspace.id;
  const [exports, retention, deletions] = await Promise.all([
    api.privacy.workspaceExports({ workspaceId }),
    api.retention.get({ workspaceId }),
    api.privacy.deletions(),
  ]);
  return { owner: true as const, exports, retention, deletions };
};
