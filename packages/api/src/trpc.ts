import { initTRPC, TRPCError } from '@trpc/server';
import { enforceRequestLimit, findMembershipRole, roleAllows, weakerRole, type WorkspaceRole } from '@tweetflow/core';
import { z } from 'zod';
import type { ApiContext, Caller } from './context';
import { formatApiError, toTRPCError } from './errors';
import { apiTransformer } from './transformer';

/**
 * Who may call a procedure. Every procedure carries one, and the authorization test walks
 * the whole router checking each against anonymous callers, outsiders and viewers.
 * - public: anyone; user: any signed-in caller (session or API token);
 * - session: a person in a browser (not API tokens); workspace: members, by role.
 */
export type ProcedureAccess =
  | { access: 'public' }
  | { access: 'user' }
  | { access: 'session' }
  | { access: 'workspace'; role: WorkspaceRole; sessionOnly?: boolean };

// ---------------------------------------------------------------------------
// Initialisation: one tRPC instance for the whole API. `isDev: false` keeps stack
// traces out of responses even when the server runs in development.
// ---------------------------------------------------------------------------
const t = initTRPC.context<ApiContext>().meta<ProcedureAccess>().create({
  transformer: apiTransformer,
  isDev: false,
  errorFormatter: formatApiError,
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// ---------------------------------------------------------------------------
// Errors: services throw DomainError with a message for people; it becomes the matching
// tRPC code here. Anything else is unexpected: logged in full, answered generically.
// ---------------------------------------------------------------------------
const translateErrors = t.middleware(async ({ ctx, path, type, next }) => {
  const result = await next();
  if (result.ok) return result;
  const refusal = toTRPCError(result.error.cause);
  if (refusal) throw refusal;
  if (result.error.code === 'INTERNAL_SERVER_ERROR') {
    ctx.logger.error({ err: result.error.cause ?? result.error, path, type }, 'procedure failed');
  }
  return result;
});

// ---------------------------------------------------------------------------
// Procedures, from least to most guarded.
// ---------------------------------------------------------------------------
export const publicProcedure = t.procedure.use(translateErrors).meta({ access: 'public' });

export const protectedProcedure = t.procedure
  .use(translateErrors)
  .meta({ access: 'user' })
  .use(({ ctx, next }) => {
    if (!ctx.caller) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authFailure ?? 'Please sign in to continue.' });
    }
    return next({ ctx: { ...ctx, caller: ctx.caller } });
  })
  // Abuse limits: every call of a signed-in caller counts, per person for browser sessions
  // and per token for scripts, so one runaway script cannot starve its owner's browser.
  .use(async ({ ctx, next }) => {
    const { caller } = ctx;
    if (caller.kind === 'api-token') await enforceRequestLimit(ctx.db, ctx.clock, ctx.config, 'apiToken', caller.token.tokenId);
    else await enforceRequestLimit(ctx.db, ctx.clock, ctx.config, 'api', caller.userId);
    return next();
  });

/** For account-level actions a script should not take (sign out everywhere, new tokens). */
export const sessionProcedure = protectedProcedure.meta({ access: 'session' }).use(({ ctx, next }) => {
  if (ctx.caller.kind !== 'session') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'API tokens cannot do this; sign in to the web app instead.' });
  }
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});

/**
 * Procedures on one workspace's data: the input carries `workspaceId`, and the caller must
 * be a member with at least `role`. An API token only reaches its own workspace, with the
 * weaker of its role and its owner's; `sessionOnly` refuses API tokens altogether.
 */
export function workspaceProcedure(role: WorkspaceRole, options: { sessionOnly?: boolean } = {}) {
  return protectedProcedure
    .meta({ access: 'workspace', role, sessionOnly: options.sessionOnly ?? false })
    .input(z.object({ workspaceId: z.uuid({ error: 'must be a workspace id' }) }))
    .use(async ({ ctx, input, next }) => {
      const effective = await authorizeWorkspace(ctx, input.workspaceId, role, options);
      return next({ ctx: { ...ctx, workspace: { id: input.workspaceId, role: effective } } });
    });
}

/**
 * The caller's effective role in the workspace if it allows `role`, else a FORBIDDEN
 * TRPCError saying why. The workspace procedures' gate, also used by the web app's plain
 * HTTP endpoints (media upload) so they follow the same rules.
 *
 * @example
 * const role = await authorizeWorkspace(ctx, workspaceId, 'editor');
 */
export async function authorizeWorkspace(
  ctx: Pick<ApiContext, 'db'> & { caller: Caller },
  workspaceId: string,
  role: WorkspaceRole,
  options: { sessionOnly?: boolean } = {},
): Promise<WorkspaceRole> {
  if (options.sessionOnly && ctx.caller.kind !== 'session') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'API tokens cannot do this; sign in to the web app instead.' });
  }
  const memberRole = await findMembershipRole(ctx.db, workspaceId, ctx.caller.userId);
  const tokenScope = ctx.caller.kind === 'api-token' ? ctx.caller.token : null;
  if (!memberRole || (tokenScope && tokenScope.workspaceId !== workspaceId)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'You do not have access to this workspace.' });
  }
  const effective = tokenScope ? weakerRole(memberRole, tokenScope.role) : memberRole;
  if (!roleAllows(effective, role)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `This needs the ${role} role; you are ${effective === 'viewer' ? 'a viewer' : `an ${effective}`} in this workspace.`,
    });
  }
  return effective;
}
