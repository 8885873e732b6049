import { auditEntries, type Executor } from '@tweetflow/db';
import type { AuditAction } from './audit-actions';

/** Where a request came from, as the web app saw it. */
export type RequestClient = { ipAddress: string | null; userAgent: string | null };

export type AuditEntryInput = {
  action: AuditAction;
  /** When it happened (from the caller's clock). */
  at: Date;
  /** Who did it; `system` for background jobs, with no user. */
  actor: { userId: string | null; kind: 'session' | 'api-token' | 'system' };
  /** The workspace it happened in; omit for account-level actions such as signing in. */
  workspaceId?: string | null;
  /** The person it was about (a member whose role changed), if any. */
  subjectUserId?: string | null;
  /** The thing it was about, e.g. `{ type: 'x_account', id }`. */
  target?: { type: string; id: string } | null;
  /** A few readable facts; never tokens or secrets. */
  details?: Record<string, unknown>;
  client?: RequestClient | null;
};

/** User agents are free text from the client; a long one is cut rather than stored whole. */
const MAX_USER_AGENT = 400;

/**
 * Adds one entry to the audit log. Call it in the same transaction as the action when
 * there is one, so the log never claims something that was rolled back.
 *
 * @example
 * await recordAudit(db, {
 *   action: 'x_account.connected',
 *   at: clock.now(),
 *   actor: { userId, kind: 'session' },
 *   workspaceId,
 *   target: { type: 'x_account', id: account.id },
 *   details: { username: account.username },
 *   client,
 * });
 */
export async function recordAudit(db: Executor, entry: AuditEntryInput): Promise<void> {
  await db.insert(auditEntries).values({
    action: entry.action,
    createdAt: entry.at,
    actorUserId: entry.actor.userId,
    actorKind: entry.actor.kind,
    workspaceId: entry.workspaceId ?? null,
    subjectUserId: entry.subjectUserId ?? null,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    details: entry.details ?? {},
    ipAddress: entry.client?.ipAddress ?? null,
    userAgent: entry.client?.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
  });
}
