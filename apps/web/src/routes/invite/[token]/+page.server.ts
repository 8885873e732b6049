import { fail, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { describeInvite, DomainError } from '@tweetflow/core';
import { apiFor } from '#lib/server/api.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
  const runtime = await getRuntime();
  try {
    const invite = await describeInvite(runtime.db, runtime.clock, params.token);
    return { invite, signedInAs: locals.user?.email ?? null, problem: null };
  } catch (error) {
    if (error instanceof DomainError) return { invite: null, signedInAs: locals.user?.email ?? null, problem: error.message };
    throw error;
  }
};

export const actions: Actions = {
  default: async (event) => {
    const { params, locals, url } = event;
    if (!locals.user) redirect(303, `/auth/sign-in?next=${encodeURIComponent(url.pathname)}`);
    // Through the API, as the browser would: the join is audited like any other.
    const api = await apiFor(event);
    let workspaceId: string;
    try {
      ({ workspaceId } = await api.workspaces.acceptInvite({ token: params.token }));
    } catch (error) {
      if (error instanceof TRPCError) return fail(400, { error: error.message });
      throw error;
    }
    // Straight into the workspace they joined (the invitation is used up, so this page would only say so).
    await api.workspaces.select({ workspaceId });
    redirect(303, '/app');
  },
};
