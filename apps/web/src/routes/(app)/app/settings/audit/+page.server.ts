import { apiFor } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` day as the instant it starts (UTC), or null. */
function dayStart(day: string | null): Date | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const start = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(start.getTime()) ? null : start;
}

/**
 * The filters live in the address (`?action=member&actor=…&from=…&to=…`, days in UTC),
 * so a view can be shared; the `to` day is included.
 */
export const load: PageServerLoad = async (event) => {
  const { workspace } = await event.parent();
  if (workspace.role !== 'owner') return { owner: false as const };
  const params = event.url.searchParams;
  const filter = {
    action: params.get('action') || null,
    actorUserId: params.get('actor') || null,
    from: params.get('from') || null,
    to: params.get('to') || null,
  };
  const toDay = dayStart(filter.to);
  const query = {
    action: filter.action,
    actorUserId: filter.actorUserId,
    from: dayStart(filter.from),
    to: toDay && new Date(toDay.getTime() + DAY_MS),
  };
  const api = await apiFor(event);
  const [entries, actions, members] = await Promise.all([
    api.audit.list({ workspaceId: workspace.id, ...query }),
    api.audit.actions(),
    api.workspaces.members({ workspaceId: workspace.id }),
  ]);
  return { owner: true as const, filter, query, entries, actions, members };
};
