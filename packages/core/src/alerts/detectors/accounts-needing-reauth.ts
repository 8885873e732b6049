import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import { ruleAccount } from './account-condition';
import { stateDetection, type Detection, type DetectorInput } from './observation';

/**
 * Accounts X no longer accepts the tokens of (needs reconnecting, or revoked), one incident
 * per account until it is reconnected.
 *
 * @example
 * const detection = await detectAccountsNeedingReauth(db, input);
 */
export async function detectAccountsNeedingReauth(db: Executor, input: DetectorInput): Promise<Detection> {
  const accounts = await db.execute<{ id: string; username: string; status: string; reason: string | null }>(sql`
    select a.id, a.username, a.status, a.status_reason as reason from x_accounts a
    where a.workspace_id = ${input.workspaceId} ${ruleAccount(sql`a.id`, input.xAccountId)} and a.status in ('needs_reauth', 'revoked')
  `);
  return stateDetection(
    accounts.map((account) => ({
      key: `account:${account.id}`,
      title: `@${account.username} needs reconnecting`,
      body: `${account.reason ?? 'X no longer accepts this account’s access.'} Its scheduled posts wait until someone reconnects it.`,
      link: '/app/accounts',
      occurrences: 0,
    })),
    input.open,
  );
}
