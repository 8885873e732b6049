import type { SandboxAdmin } from '../admin';
import { html } from '../http/responses';
import { renderHome } from '../pages/home';
import { adminRoutes } from './admin';
import { openRoute, type SandboxRoute } from './context';
import { engagementRoutes } from './engagement';
import { mediaRoutes } from './media';
import { authorizeRoutes } from './oauth-authorize';
import { tokenRoutes } from './oauth-token';
import { searchRoutes } from './search';
import { timelineRoutes } from './timelines';
import { tweetRoutes } from './tweets';
import { userRoutes } from './users';
import { webhookRoutes } from './webhooks';

/**
 * Every route the sandbox serves; the admin API only when `withAdmin` is set.
 *
 * @example
 * sandboxRoutes(admin, world.mode !== 'production-like');
 */
export function sandboxRoutes(admin: SandboxAdmin, withAdmin: boolean): SandboxRoute[] {
  return [
    openRoute('GET', '/', ({ world }) => html(200, renderHome(world))),
    ...authorizeRoutes,
    ...tokenRoutes,
    ...userRoutes,
    ...searchRoutes,
    ...tweetRoutes,
    ...timelineRoutes,
    ...engagementRoutes,
    ...mediaRoutes,
    ...webhookRoutes,
    ...(withAdmin ? adminRoutes(admin) : []),
  ];
}
