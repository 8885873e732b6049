import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { apiFor } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

/** A past run on the canvas: the version it ran, and the run (its steps are read in the browser, live while unfinished). */
export const load: PageServerLoad = async (event) => {
  const { workspace } = await event.parent();
  const api = await apiFor(event);
  try {
    const run = await api.workflows.runDetail({ workspaceId: workspace.id, runId: event.params.runId });
    if (run.workflowId !== event.params.id) error(404, 'This run belongs to another workflow.');
    const [workflow, version] = await Promise.all([
      api.workflows.get({ workspaceId: workspace.id, workflowId: run.workflowId }),
      api.workflows.version({ workspaceId: workspace.id, workflowId: run.workflowId, versionId: run.versionId }),
    ]);
    return { run, workflow: { id: workflow.id, name: workflow.name }, definition: version.definition };
  } catch (failure) {
    if (failure instanceof TRPCError && (failure.code === 'NOT_FOUND' || failure.code === 'BAD_REQUEST')) error(404, 'This run does not exist in this workspace.');
    throw failure;
  }
};
