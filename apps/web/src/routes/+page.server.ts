import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** Signed-in people go straight to the app. */
export const load: PageServerLoad = ({ locals }) => {
  if (locals.user) redirect(303, '/app');
};
