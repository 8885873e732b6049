import { apiTokensRouter } from './router/api-tokens';
import { authRouter } from './router/auth';
import { eventsRouter } from './router/events';
import { healthRouter } from './router/health';
import { notificationsRouter } from './router/notifications';
import { postsRouter } from './router/posts';
import { workspacesRouter } from './router/workspaces';
import { xAccountsRouter } from './router/x-accounts';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  health: healthRouter,
  auth: authRouter,
  workspaces: workspacesRouter,
  apiTokens: apiTokensRouter,
  xAccounts: xAccountsRouter,
  posts: postsRouter,
  notifications: notificationsRouter,
  events: eventsRouter,
});

export type AppRouter = typeof appRouter;
