import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import { ruleAccount } from './account-condition';
import { stateDetection, type Detection, type DetectorInput } from './observation';

/**
 * Accounts whose latest daily follower reading is lower than the one before by more than
 * the threshold (percent).
 *
 * @example
 * const detection = await detectFollowerDrop(db, { ...input, threshold: 2 });
 */
export async function detectFollowerDrop(db: Executor, input: DetectorInput): Promise<Detection> {
  const threshold = input.threshold ?? 2;
  const drops = await db.execute<{ id: string; username: string; latest: number; previous: number }>(sql`
    select a.id, a.username, readings.latest, readings.previous
    from x_accounts a
    cross join lateral (
      select (array_agg(s.followers order by s.captured_at desc))[1] as latest,
             (array_agg(s.followers order by s.captured_at desc))[2] as previous
      from (select followers, captured_at from account_metric_snapshots where x_account_id = a.id
            and captured_at <= ${input.now.toISOString()}::timestamptz order by captured_at desc limit 2) s
    ) readings
    where a.workspace_id = ${input.workspaceId} ${ruleAccount(sql`a.id`, input.xAccountId)}
      and readings.previous > 0 and (readings.previous - readings.latest) * 100.0 / readings.previous >= ${threshold}
  `);
  return stateDetection(
    drops.map((row) => ({
      key: `followers:${row.id}`,
      title: `@${row.username} lost ${row.previous - row.latest} followers`,
      body: `${row.latest} followers now, ${row.previous} at the reading before (−${(((row.previous - row.latest) * 100) / row.previous).toFixed(1)}%; alert at ${threshold}%).`,
      link: '/app/analytics',
      occurrences: 0,
    })),
    input.open,
  );
}
