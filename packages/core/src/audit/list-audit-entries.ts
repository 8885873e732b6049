import { aliasedTable, and, desc, eq, gte, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import { auditEntries, users, type Executor } from '@tweetflow/db';
import { AUDIT_ACTIONS, type AuditAction } from './audit-actions';

export type AuditFilter = {
  /** One action (`member.removed`) or a whole group (`member`). */
  action?: string | null;
  actorUserId?: string | null;
  /** Inclusive lower and exclusive upper bound on when it happened. */
  from?: Date | null;
  to?: Date | null;
};

export type AuditEntryView = {
  id: string;
  at: Date;
  action: string;
  /** The words the log shows for the action. */
  label: string;
  /** Null when the person has since been erased. */
  actor: { userId: string | null; name: string | null; kind: string };
  subject: { userId: string; name: string } | null;
  target: { type: string; id: string | null } | null;
  details: Record<string, unknown>;
  ipAddress: string | null;
  userAgent: string | null;
};

const actor = aliasedTable(users, 'actor');
const subject = aliasedTable(users, 'subject');

/**
 * A workspace's audit log, newest first, `limit` at a time. Pass the last entry's
 * `{ at, id }` as `before` for the next page.
 *
 * @example
 * const page = await listAuditEntries(db, { workspaceId, filter: { action: 'member' }, limit: 50 });
 */
export async function listAuditEntries(
  db: Executor,
  input: { workspaceId: string; filter?: AuditFilter; limit: number; before?: { at: Date; id: string } | null },
): Promise<AuditEntryView[]> {
  return selectEntries(db, [eq(auditEntries.workspaceId, input.workspaceId), ...filterConditions(input.filter ?? {})], input.limit, input.before);
}

/**
 * A person's own account-level entries (sign-ins, account deletion), newest first.
 *
 * @example
 * const recent = await listAccountAuditEntries(db, { userId, limit: 20 });
 */
export async function listAccountAuditEntries(db: Executor, input: { userId: string; limit: number }): Promise<AuditEntryView[]> {
  return selectEntries(db, [isNull(auditEntries.workspaceId), eq(auditEntries.actorUserId, input.userId)], input.limit, null);
}

function filterConditions(filter: AuditFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.action) {
    conditions.push(filter.action.includes('.') ? eq(auditEntries.action, filter.action) : like(auditEntries.action, `${filter.action}.%`));
  }
  if (filter.actorUserId) conditions.push(eq(auditEntries.actorUserId, filter.actorUserId));
  if (filter.from) conditions.push(gte(auditEntries.createdAt, filter.from));
  if (filter.to) conditions.push(lt(auditEntries.createdAt, filter.to));
  return conditions;
}

async function selectEntries(
  db: Executor,
  conditions: SQL[],
  limit: number,
  before: { at: Date; id: string } | null | undefined,
): Promise<AuditEntryView[]> {
  if (before) {
    conditions.push(or(lt(auditEntries.createdAt, before.at), and(eq(auditEntries.createdAt, before.at), lt(auditEntries.id, before.id)))!);
  }
  const rows = await db
    .select({
      entry: auditEntries,
      actorName: actor.displayName,
      subjectName: subject.displayName,
    })
    .from(auditEntries)
    .leftJoin(actor, eq(actor.id, auditEntries.actorUserId))
    .leftJoin(subject, eq(subject.id, auditEntries.subjectUserId))
    .where(and(...conditions))
    .orderBy(desc(auditEntries.createdAt), desc(auditEntries.id))
    .limit(limit);
  return rows.map(({ entry, actorName, subjectName }) => ({
    id: entry.id,
    at: entry.createdAt,
    action: entry.action,
    label: AUDIT_ACTIONS[entry.action as AuditAction] ?? entry.action,
    actor: { userId: entry.actorUserId, name: actorName, kind: entry.actorKind },
    subject: entry.subjectUserId && subjectName ? { userId: entry.subjectUserId, name: subjectName } : null,
    target: entry.targetType ? { type: entry.targetType, id: entry.targetId } : null,
    details: entry.details,
    ipAddress: entry.ipAddress,
    userAgent: entry.userAgent,
  }));
}
