import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { ApiContext } from './context';
import { formatApiError } from './errors';

// ---------------------------------------------------------------------------
// Initialisation: one tRPC instance for the whole API. `isDev: false` keeps stack
// traces out of responses even when the server runs in development.
// ---------------------------------------------------------------------------
const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  isDev: false,
  errorFormatter: formatApiError,
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// ---------------------------------------------------------------------------
// Procedures: `publicProcedure` for anyone, `protectedProcedure` for signed-in callers.
// Workspace-scoped procedures build on `protectedProcedure` (see the auth issue).
// ---------------------------------------------------------------------------
const logUnexpectedErrors = t.middleware(async ({ ctx, path, type, next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR') {
    ctx.logger.error({ err: result.error.cause ?? result.error, path, type }, 'procedure failed');
  }
  return result;
});

export const publicProcedure = t.procedure.use(logUnexpectedErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.caller) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in to continue.' });
  }
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});
