import { fail, redirect } from '@sveltejs/kit';
import { DomainError, enforceRequestLimit, MIN_PASSWORD_LENGTH, recordAudit, signUp } from '@tweetflow/core';
import { retryAfterHeader } from '@tweetflow/api';
import { z } from 'zod';
import { getRuntime } from '#lib/server/runtime.ts';
import { safeNextPath } from '#lib/server/safe-next.ts';
import { startSession } from '#lib/server/sign-in-session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, '/app');
  return { email: url.searchParams.get('email') ?? '', next: url.searchParams.get('next') ?? '' };
};

const signUpForm = z.object({
  displayName: z.string().trim().min(1, 'Tell us your name.').max(80, 'Your name must be at most 80 characters.'),
  email: z.email({ error: 'Enter a valid email address.' }),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`),
  timezone: z.string().optional(),
  next: z.string().optional(),
});

export const actions: Actions = {
  default: async (event) => {
    const form = Object.fromEntries(await event.request.formData());
    const values = { displayName: String(form.displayName ?? ''), email: String(form.email ?? '') };
    const parsed = signUpForm.safeParse(form);
    if (!parsed.success) return fail(400, { ...values, error: parsed.error.issues[0]!.message });

    const runtime = await getRuntime();
    const { client } = event.locals;
    try {
      await enforceRequestLimit(runtime.db, runtime.clock, runtime.config, 'signUp', client.ipAddress ?? 'unknown');
      const user = await signUp(runtime.db, {
        email: parsed.data.email,
        password: parsed.data.password,
        displayName: parsed.data.displayName,
        timezone: validTimezone(parsed.data.timezone),
      });
      await startSession(event.cookies, event.url, user.id);
      await recordAudit(runtime.db, { action: 'auth.signed_up', at: runtime.clock.now(), actor: { userId: user.id, kind: 'session' }, client });
    } catch (error) {
      if (error instanceof DomainError) {
        if (error.retryAt) event.setHeaders(retryAfterHeader(error.retryAt, runtime.clock.now()));
        return fail(error.kind === 'too_many_requests' ? 429 : 400, { ...values, error: error.message });
      }
      throw error;
    }
    redirect(303, safeNextPath(parsed.data.next));
  },
};

/** The browser's zone when it is one the server knows, else UTC. */
function validTimezone(zone: string | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}
