import { apiFor } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = await apiFor(event);
  const [exports, deletions, activity] = await Promise.all([api.privacy.exports(), api.privacy.deletions(), api.privacy.accountActivity()]);
  return { exports, deletions, activity };
};
