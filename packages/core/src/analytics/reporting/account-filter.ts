import { sql, type SQL } from 'drizzle-orm';

/** Which of a workspace's accounts a figure covers; no ids means all of them. */
export type AccountScope = { workspaceId: string; accountIds?: string[] | undefined };

/**
 * The SQL condition limiting `column` (an x_account_id) to the scope's accounts.
 *
 * @example
 * sql`select … from tracked_posts t where t.workspace_id = ${workspaceId} ${accountCondition(sql`t.x_account_id`, scope)}`;
 */
export function accountCondition(column: SQL, scope: AccountScope): SQL {
  if (!scope.accountIds || scope.accountIds.length === 0) return sql``;
  return sql`and ${column} in (${sql.join(scope.accountIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
}
