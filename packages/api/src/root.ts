import { apiTokensRouter } from './router/api-tokens';
import { authRouter } from './router/auth';
import { healthRouter } from './router/health';
import { workspacesRouter } from './router/workspaces';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  health: healthRouter,
  auth: authRouter,
  workspaces: workspacesRouter,
  apiTokens: apiTokensRouter,
});

export type AppRouter = typeof appRouter;
