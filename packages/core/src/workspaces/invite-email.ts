import { eq } from 'drizzle-orm';
import { users, workspaces, type Executor } from '@tweetflow/db';
import { escapeHtml } from '../alerts/deliver-alert';
import { queueEmail } from '../email/outbox';
import type { EmailDeps } from '../email/email-deps';
import type { WorkspaceRole } from './roles';

export type InviteToEmail = { workspaceId: string; email: string; role: WorkspaceRole; invitedByUserId: string; link: string; expiresAt: Date };

/**
 * Emails an invitation's link to the invited address when a mail server is set up
 * (`SMTP_URL`); returns whether it did. Without one nothing is stored: the owner who
 * created the invitation has the link and sends it themselves.
 *
 * The email is not filed under the workspace, whose stored emails its editors can read:
 * the link is the owner's to hand out, like the invitations list.
 *
 * @example
 * const emailed = await emailInvite(db, emailDeps(config, boss, clock), { workspaceId, email, role, invitedByUserId, link, expiresAt });
 */
export async function emailInvite(db: Executor, deps: EmailDeps, invite: InviteToEmail): Promise<boolean> {
  if (!deps.smtpUrl) return false;
  const [[workspace], [inviter]] = await Promise.all([
    db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, invite.workspaceId)),
    db.select({ name: users.displayName }).from(users).where(eq(users.id, invite.invitedByUserId)),
  ]);
  const message = inviteEmail({ workspaceName: workspace?.name ?? 'a workspace', inviterName: inviter?.name ?? 'Someone', ...invite });
  await queueEmail(db, deps, { workspaceId: null, kind: 'workspace.invite', to: [invite.email], ...message });
  return true;
}

/**
 * An invitation as an email: who invites whom to what, the link, and until when it works.
 *
 * @example
 * const { subject, text, html } = inviteEmail({ workspaceName: 'Acme', inviterName: 'Ada', role: 'editor', email, link, expiresAt });
 */
export function inviteEmail(input: { workspaceName: string; inviterName: string; role: WorkspaceRole; email: string; link: string; expiresAt: Date }) {
  const until = input.expiresAt.toUTCString();
  const subject = `${input.inviterName} invited you to ${input.workspaceName} on TweetFlow`;
  const text = [
    `${input.inviterName} invited you to join ${input.workspaceName} on TweetFlow as ${articleFor(input.role)} ${input.role}.`,
    '',
    `Accept the invitation: ${input.link}`,
    '',
    `Sign in or sign up with ${input.email} to accept; the link works once, until ${until}.`,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(input.inviterName)} invited you to join <strong>${escapeHtml(input.workspaceName)}</strong> on TweetFlow as ${articleFor(input.role)} ${input.role}.</p>`,
    `<p><a href="${escapeHtml(input.link)}">Accept the invitation</a></p>`,
    `<p>Sign in or sign up with ${escapeHtml(input.email)} to accept; the link works once, until ${escapeHtml(until)}.</p>`,
  ].join('');
  return { subject, text, html };
}

function articleFor(role: WorkspaceRole): string {
  return role === 'owner' || role === 'editor' ? 'an' : 'a';
}
