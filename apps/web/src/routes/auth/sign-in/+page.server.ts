import { fail, redirect } from '@sveltejs/kit';
import { DomainError, enforceRequestLimit, recordAudit, signInWithPassword } from '@tweetflow/core';
import { retryAfterHeader } from '@tweetflow/api';
import { z } from 'zod';
import { getRuntime } from '#lib/server/runtime.ts';
import { safeNextPath } from '#lib/server/safe-next.ts';
import { startSession } from '#lib/server/sign-in-session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeNextPath(url.searchParams.get('next')));
  return { next: url.searchParams.get('next') ?? '' };
};

const signInForm = z.object({
  email: z.string().trim().min(1, 'Enter your email.'),
  password: z.string().min(1, 'Enter your password.'),
  next: z.string().optional(),
});

export const actions: Actions = {
  default: async (event) => {
    const form = Object.fromEntries(await event.request.formData());
    const parsed = signInForm.safeParse(form);
    const email = typeof form.email === 'string' ? form.email : '';
    if (!parsed.success) return fail(400, { email, error: parsed.error.issues[0]!.message });

    const runtime = await getRuntime();
    const { client } = event.locals;
    try {
      // Per address, on top of the per-email lock after repeated failures.
      await enforceRequestLimit(runtime.db, runtime.clock, runtime.config, 'signIn', client.ipAddress ?? 'unknown');
      const user = await signInWithPassword(runtime.db, runtime.clock, {
        email: parsed.data.email,
        password: parsed.data.password,
        clientAddress: event.getClientAddress(),
      });
      await startSession(event.cookies, event.url, user.id);
      await recordAudit(runtime.db, { action: 'auth.signed_in', at: runtime.clock.now(), actor: { userId: user.id, kind: 'session' }, client });
    } catch (error) {
      if (error instanceof DomainError) {
        if (error.retryAt) event.setHeaders(retryAfterHeader(error.retryAt, runtime.clock.now()));
        return fail(error.kind === 'too_many_requests' ? 429 : 400, { email, error: error.message });
      }
      throw error;
    }
    redirect(303, safeNextPath(parsed.data.next));
  },
};
