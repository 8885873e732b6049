import type { AuditEntryView } from './list-audit-entries';

const HEADER = ['time', 'action', 'description', 'actor', 'actor_id', 'via', 'subject', 'target_type', 'target_id', 'details', 'ip_address', 'user_agent'];

/**
 * Audit entries as CSV (RFC 4180, UTC ISO times), for spreadsheets and archives. Cells
 * that a spreadsheet would run as a formula are prefixed with an apostrophe.
 *
 * @example
 * const csv = auditEntriesToCsv(await listAuditEntries(db, { workspaceId, limit: 10_000 }));
 */
export function auditEntriesToCsv(entries: readonly AuditEntryView[]): string {
  const lines = [HEADER.join(',')];
  for (const entry of entries) {
    lines.push(
      [
        entry.at.toISOString(),
        entry.action,
        entry.label,
        entry.actor.name ?? (entry.actor.userId ? '' : entry.actor.kind === 'system' ? 'TweetFlow' : 'a deleted person'),
        entry.actor.userId ?? '',
        entry.actor.kind,
        entry.subject?.name ?? '',
        entry.target?.type ?? '',
        entry.target?.id ?? '',
        Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : '',
        entry.ipAddress ?? '',
        entry.userAgent ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
