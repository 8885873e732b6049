import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import { ruleAccount } from './account-condition';
import type { Detection, DetectorInput, Observation } from './observation';

/** An account that keeps hitting its limit window after window is one incident until it has been quiet this long. */
const QUIET_MS = 60 * 60_000;

/**
 * Current rate-limit windows of the workspace's accounts that are used past the threshold
 * (percent of the window's limit). One incident per account and endpoint; each further
 * window that crosses the line adds to its count, until an hour passes without one.
 *
 * @example
 * const detection = await detectRateLimitBudget(db, { ...input, threshold: 80 });
 */
export async function detectRateLimitBudget(db: Executor, input: DetectorInput): Promise<Detection> {
  const threshold = input.threshold ?? 80;
  const windows = await db.execute<{ account_id: string; username: string; endpoint: string; limit: number; remaining: number; reset_at: string }>(sql`
    select a.id as account_id, a.username, w.endpoint, w."limit", w.remaining, w.reset_at::text as reset_at
    from x_rate_limit_windows w join x_accounts a on w.scope = 'user:' || a.x_user_id
    where a.workspace_id = ${input.workspaceId} ${ruleAccount(sql`a.id`, input.xAccountId)}
      and w.reset_at > ${input.now.toISOString()}::timestamptz and w."limit" > 0
      and (w."limit" - w.remaining) * 100.0 / w."limit" >= ${threshold}
  `);
  const open = new Map(input.open.map((incident) => [incident.key, incident]));
  const observations: Observation[] = windows.map((window) => {
      const key = `ratelimit:${window.account_id}:${window.endpoint}`;
      const used = Math.round(((window.limit - window.remaining) * 100) / window.limit);
      const known = open.get(key);
      return {
        key,
        title: `@${window.username} used ${used}% of its ${window.endpoint} budget`,
        body: `${window.limit - window.remaining} of ${window.limit} calls are used in the current window (alert at ${threshold}%); it resets at ${new Date(window.reset_at).toISOString().slice(11, 16)} UTC. Calls past the limit wait for the reset.`,
        link: '/app/accounts',
        occurrences: known && known.detail.resetAt !== window.reset_at ? 1 : 0,
        detail: { resetAt: window.reset_at },
      };
  });
  const seen = new Set(observations.map((observation) => observation.key));
  const quietSince = input.now.getTime() - QUIET_MS;
  const resolvedKeys = input.open.filter((incident) => !seen.has(incident.key) && incident.lastSeenAt.getTime() < quietSince).map((incident) => incident.key);
  return { observations, resolvedKeys };
}
