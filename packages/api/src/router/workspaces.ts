import type { TRPCRouterRecord } from '@trpc/server';
import {
  acceptInvite,
  changeMemberRole,
  createWorkspace,
  emailInvite,
  inviteMember,
  listMembers,
  listPendingInvites,
  listWorkspacesForUser,
  rememberCurrentSelection,
  removeMember,
  renameWorkspace,
  revokeInvite,
} from '@tweetflow/core';
import { emailDeps } from '@tweetflow/core/email';
import { z } from 'zod';
import { auditAs } from '../audit-context';
import { protectedProcedure, sessionProcedure, workspaceProcedure } from '../trpc';
import { nameInput, roleInput, timezoneInput } from './inputs';

export const workspacesRouter = {
  list: protectedProcedure.query(async ({ ctx }) => {
    const all = await listWorkspacesForUser(ctx.db, ctx.caller.userId);
    const { caller } = ctx;
    // An API token sees only the workspace it was made for.
    return caller.kind === 'api-token' ? all.filter((workspace) => workspace.id === caller.token.workspaceId) : all;
  }),

  create: sessionProcedure
    .input(z.object({ name: nameInput('The workspace name'), timezone: timezoneInput }))
    .mutation(({ ctx, input }) => createWorkspace(ctx.db, { userId: ctx.caller.userId, ...input })),

  update: workspaceProcedure('owner')
    .input(z.object({ name: nameInput('The workspace name'), timezone: timezoneInput }))
    .mutation(({ ctx, input }) => renameWorkspace(ctx.db, ctx.workspace.id, input)),

  /** Remembers the workspace (and X account) the person is working in. */
  select: workspaceProcedure('viewer')
    .input(z.object({ xAccountId: z.uuid().nullable().optional() }))
    .mutation(({ ctx, input }) =>
      rememberCurrentSelection(ctx.db, ctx.caller.userId, { workspaceId: ctx.workspace.id, xAccountId: input.xAccountId }),
    ),

  members: workspaceProcedure('viewer').query(({ ctx }) => listMembers(ctx.db, ctx.workspace.id)),

  changeRole: workspaceProcedure('owner')
    .input(z.object({ userId: z.uuid(), role: roleInput }))
    .mutation(async ({ ctx, input }) => {
      await changeMemberRole(ctx.db, { workspaceId: ctx.workspace.id, userId: input.userId, role: input.role });
      await auditAs(ctx, { action: 'member.role_changed', workspaceId: ctx.workspace.id, subjectUserId: input.userId, details: { role: input.role } });
    }),

  removeMember: workspaceProcedure('owner')
    .input(z.object({ userId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await removeMember(ctx.db, { workspaceId: ctx.workspace.id, userId: input.userId });
      await auditAs(ctx, { action: 'member.removed', workspaceId: ctx.workspace.id, subjectUserId: input.userId });
    }),

  invites: workspaceProcedure('owner').query(({ ctx }) => listPendingInvites(ctx.db, ctx.workspace.id)),

  /** Returns the invitation link (its token is not shown again) and emails it to the address when SMTP is set up (`emailed`). */
  invite: workspaceProcedure('owner')
    .input(z.object({ email: z.email({ error: 'must be an email address' }), role: roleInput }))
    .mutation(async ({ ctx, input }) => {
      const invite = await inviteMember(ctx.db, ctx.clock, {
        workspaceId: ctx.workspace.id,
        email: input.email,
        role: input.role,
        invitedByUserId: ctx.caller.userId,
      });
      await auditAs(ctx, {
        action: 'member.invited',
        workspaceId: ctx.workspace.id,
        target: { type: 'invite', id: invite.inviteId },
        details: { email: input.email, role: input.role },
      });
      const link = `${ctx.config.publicUrl}/invite/${invite.token}`;
      const emailed = await emailInvite(ctx.db, emailDeps(ctx.config, ctx.boss, ctx.clock), { ...input, workspaceId: ctx.workspace.id, invitedByUserId: ctx.caller.userId, link, expiresAt: invite.expiresAt });
      return { inviteId: invite.inviteId, expiresAt: invite.expiresAt, link, emailed };
    }),

  revokeInvite: workspaceProcedure('owner')
    .input(z.object({ inviteId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await revokeInvite(ctx.db, { workspaceId: ctx.workspace.id, inviteId: input.inviteId });
      await auditAs(ctx, { action: 'member.invite_revoked', workspaceId: ctx.workspace.id, target: { type: 'invite', id: input.inviteId } });
    }),

  acceptInvite: sessionProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const accepted = await acceptInvite(ctx.db, ctx.clock, { token: input.token, userId: ctx.caller.userId });
      await auditAs(ctx, { action: 'member.joined', workspaceId: accepted.workspaceId });
      return accepted;
    }),
} satisfies TRPCRouterRecord;
