import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import { ruleAccount } from './account-condition';
import type { Detection, DetectorInput, Observation } from './observation';

/**
 * Posts that failed since the last check, one incident per account and reason (50 posts
 * failing for one revoked token are one incident with a count of 50). The incident is over
 * once the account publishes a post again.
 *
 * @example
 * const { observations } = await detectPublishFailures(db, input);
 */
export async function detectPublishFailures(db: Executor, input: DetectorInput): Promise<Detection> {
  const failed = await db.execute<{ account_id: string; username: string; reason: string | null; posts: number }>(sql`
    select a.id as account_id, a.username, p.status_reason as reason, count(*)::int as posts
    from posts p join x_accounts a on a.id = p.x_account_id
    where p.workspace_id = ${input.workspaceId} ${ruleAccount(sql`a.id`, input.xAccountId)} and p.status = 'failed'
      and p.updated_at > ${input.since.toISOString()}::timestamptz and p.updated_at <= ${input.now.toISOString()}::timestamptz
    group by a.id, a.username, p.status_reason
  `);
  const observations: Observation[] = failed.map((row) => {
    const reason = row.reason ?? 'X did not publish it.';
    return {
      key: `publish:${row.account_id}:${createHash('sha256').update(reason).digest('hex').slice(0, 16)}`,
      title: `Publishing failed for @${row.username}`,
      body: `${row.posts === 1 ? 'A post' : `${row.posts} posts`} could not be published: ${reason}`,
      link: '/app/calendar',
      occurrences: row.posts,
      detail: { accountId: row.account_id },
    };
  });
  const recovered = await db.execute<{ key: string }>(sql`
    select incident.key from jsonb_to_recordset(${JSON.stringify(input.open.map((open) => ({ key: open.key, account: open.detail.accountId, since: open.lastSeenAt })))}::jsonb)
      as incident(key text, account uuid, since timestamptz)
    where exists (select 1 from posts p where p.x_account_id = incident.account and p.status = 'published' and p.published_at > incident.since)
  `);
  return { observations, resolvedKeys: recovered.map((row) => row.key) };
}
