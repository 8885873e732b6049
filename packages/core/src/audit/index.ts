export { AUDIT_ACTIONS, AUDIT_ACTION_NAMES, type AuditAction } from './audit-actions';
export { recordAudit, type AuditEntryInput, type RequestClient } from './record-audit';
export { listAuditEntries, listAccountAuditEntries, type AuditEntryView, type AuditFilter } from './list-audit-entries';
export { auditEntriesToCsv } from './audit-csv';
