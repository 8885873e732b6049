import { apiTokensRouter } from './router/api-tokens';
import { authRouter } from './router/auth';
import { healthRouter } from './router/health';
import { workspacesRouter } from './router/workspaces';
import { xAccountsRouter } from './router/x-accounts';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  health: healthRouter,
  auth: authRouter,
  workspaces: workspacesRouter,
  apiTokens: apiTokensRouter,
  xAccounts: xAccountsRouter,
});

export type AppRouter = typeof appRouter;
