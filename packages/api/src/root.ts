import { apiTokensRouter } from './router/api-tokens';
import { authRouter } from './router/auth';
import { eventsRouter } from './router/events';
import { healthRouter } from './router/health';
import { importsRouter } from './router/imports';
import { libraryRouter } from './router/library';
import { mediaRouter } from './router/media';
import { notificationsRouter } from './router/notifications';
import { postsRouter } from './router/posts';
import { queueRouter } from './router/queue';
import { recurringRouter } from './router/recurring';
import { schedulingRouter } from './router/scheduling';
import { workspacesRouter } from './router/workspaces';
import { xAccountsRouter } from './router/x-accounts';
import { workflowsRouter } from './router/workflows';
import { auditRouter } from './router/audit';
import { privacyRouter } from './router/privacy';
import { retentionRouter } from './router/retention';
import { alertsRouter } from './router/alerts';
import { analyticsRouter } from './router/analytics';
import { competitorsRouter } from './router/competitors';
import { reportsRouter } from './router/reports';
import { systemRouter } from './router/system';
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
  workflows: workflowsRouter,
  queue: queueRouter,
  recurring: recurringRouter,
  imports: importsRouter,
  library: libraryRouter,
  media: mediaRouter,
  scheduling: schedulingRouter,
  privacy: privacyRouter,
  audit: auditRouter,
  retention: retentionRouter,
  analytics: analyticsRouter,
  competitors: competitorsRouter,
  alerts: alertsRouter,
  reports: reportsRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
