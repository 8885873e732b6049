import { fail, redirect } from '@sveltejs/kit';
import { acceptInvite, describeInvite, DomainError } from '@tweetflow/core';
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
  default: async ({ params, locals, url }) => {
    if (!locals.user) redirect(303, `/auth/sign-in?next=${encodeURIComponent(url.pathname)}`);
    const runtime = await getRuntime();
    try {
      const { workspaceId } = await acceptInvite(runtime.db, runtime.clock, { token: params.token, userId: locals.user.id });
      return { acceptedWorkspaceId: workspaceId };
    } catch (error) {
      if (error instanceof DomainError) return fail(400, { error: error.message });
      throw error;
    }
  },
};
