import { error } from '@sveltejs/kit';
import { apiFor } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

/** `?post=<id>` opens a saved post for editing; `?at=` and `?tz=` prefill a new post's time. */
export const load: PageServerLoad = async (event) => {
  const { workspace } = await event.parent();
  const postId = event.url.searchParams.get('post');
  const at = event.url.searchParams.get('at');
  const timezone = event.url.searchParams.get('tz');
  const post = postId ? await loadPost(event, workspace.id, postId) : null;
  return {
    post,
    prefillAt: at && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at) ? at : null,
    prefillTimezone: timezone && isTimeZone(timezone) ? timezone : null,
  };
};

async function loadPost(event: Parameters<PageServerLoad>[0], workspaceId: string, postId: string) {
  const api = await apiFor(event);
  try {
    return await api.posts.get({ workspaceId, postId });
  } catch {
    error(404, 'That post does not exist in this workspace, or it was deleted.');
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
