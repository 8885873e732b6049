import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** Settings has no page of its own; members is the first section. */
export const load: PageServerLoad = () => {
  redirect(307, '/app/settings/members');
};
