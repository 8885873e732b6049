/**
 * What an export never contains. Columns are dropped by name (anything that holds a
 * password hash, a token hash, a ciphertext or a secret, and incoming-webhook URLs, which
 * are credentials themselves) and by an explicit list for
 * columns whose name does not say so; JSON values lose keys that look like credentials.
 */
const SECRET_COLUMN = /(password|secret|ciphertext|_hash$|^hash$|private_key|api_key|credential|webhook_url$)/i;

/** Columns that are secret although their names do not say so. */
const DENIED_COLUMNS = new Set([
  // The session id is the SHA-256 of the cookie token: enough to look a session up.
  'sessions.id',
  // Where a workflow polls X from: internal bookkeeping, not the person's data.
  'workflows.poll_cursor',
]);

/** Tables that hold nothing of a person's and only internal counters. */
const DENIED_TABLES = new Set(['request_limit_counters', 'sign_in_throttles', 'x_rate_limit_windows']);

const SECRET_JSON_KEY = /^(authorization|password|passwd|secret|token|access_?token|refresh_?token|api_?key|client_?secret|cookie|signature)$/i;

export function isSecretColumn(table: string, column: string): boolean {
  return SECRET_COLUMN.test(column) || DENIED_COLUMNS.has(`${table}.${column}`);
}

export function isExportedTable(table: string): boolean {
  return !DENIED_TABLES.has(table) && !table.startsWith('__drizzle');
}

/**
 * A copy of a JSON value without credential-looking keys (an HTTP node's `Authorization`
 * header in a workflow step, say), replaced by "[removed]".
 *
 * @example
 * withoutSecretKeys({ headers: { Authorization: 'Bearer x' } }); // { headers: { Authorization: '[removed]' } }
 */
export function withoutSecretKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecretKeys);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_JSON_KEY.test(key) ? '[removed]' : withoutSecretKeys(inner)]),
  );
}
