/**
 * Every action the audit log records, with the words the log shows for it. The workflow
 * engine records `workflow.*`; everything else is recorded by the services and routes
 * that perform the action.
 */
export const AUDIT_ACTIONS = {
  'auth.signed_up': 'Created an account',
  'auth.signed_in': 'Signed in',
  'auth.signed_in_with_x': 'Signed in with X',
  'auth.signed_out_everywhere': 'Signed out everywhere',
  'api_token.created': 'Created an API token',
  'api_token.revoked': 'Revoked an API token',
  'x_account.connected': 'Connected an X account',
  'x_account.disconnected': 'Disconnected an X account',
  'member.invited': 'Invited someone',
  'member.invite_revoked': 'Revoked an invitation',
  'member.joined': 'Joined the workspace',
  'member.role_changed': "Changed a member's role",
  'member.removed': 'Removed a member',
  'workflow.created': 'Created a workflow',
  'workflow.edited': 'Edited a workflow',
  'workflow.activated': 'Activated a workflow',
  'workflow.deactivated': 'Deactivated a workflow',
  'workflow.deleted': 'Deleted a workflow',
  'export.requested': 'Requested a data export',
  'export.downloaded': 'Downloaded a data export',
  'retention.changed': 'Changed how long history is kept',
  'workspace.deletion_scheduled': 'Scheduled the workspace for deletion',
  'workspace.deletion_cancelled': 'Cancelled the workspace deletion',
  'workspace.deleted': 'Deleted a workspace',
  'account.deletion_scheduled': 'Scheduled their account for deletion',
  'account.deletion_cancelled': 'Cancelled their account deletion',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The action names, for input validation and filters. */
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
