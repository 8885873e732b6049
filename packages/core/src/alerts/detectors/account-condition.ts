import { sql, type SQL } from 'drizzle-orm';

/**
 * Limits `column` (an X account id) to the rule's account, when it has one.
 *
 * @example
 * sql`… where a.workspace_id = ${workspaceId} ${ruleAccount(sql`a.id`, input.xAccountId)}`;
 */
export function ruleAccount(column: SQL, xAccountId: string | null): SQL {
  return xAccountId ? sql`and ${column} = ${xAccountId}::uuid` : sql``;
}
