import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { apiFor } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { workspace } = await event.parent();
  const api = await apiFor(event);
  try {
    return { workflow: await api.workflows.get({ workspaceId: workspace.id, workflowId: event.params.id }) };
  } catch (failure) {
    if (failure instanceof TRPCError && (failure.code === 'NOT_FOUND' || failure.code === 'BAD_REQUEST')) error(404, 'This workflow does not exist in this workspace.');
    throw failure;
  }
};
