import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Executor } from '@tweetflow/db';

const HOUR_MS = 60 * 60_000;

export type QueueHealth = {
  name: string;
  /** Jobs waiting to run now, waiting for a later start, running, and failed (still kept). */
  ready: number;
  deferred: number;
  active: number;
  failed: number;
  /** How long the oldest job ready to run has waited, at the last monitor pass (seconds). */
  oldestReadySeconds: number | null;
  /** Of the jobs that finished in the last hour, the share that failed for good; null when none finished or stats are off. */
  failureRate: number | null;
  completedLastHour: number | null;
  failedLastHour: number | null;
};

export type WorkerHealth = { id: string; name: string | null; host: string; pid: number; live: boolean; heartbeatAt: Date; startedAt: Date; queues: string[] };
export type LedgerWindow = { scope: string; account: string | null; endpoint: string; limit: number; remaining: number; resetAt: Date };

export type SystemHealth = {
  checkedAt: Date;
  queues: QueueHealth[];
  workers: WorkerHealth[];
  ledger: LedgerWindow[];
  database: { sizeBytes: number; largestTables: { name: string; bytes: number }[] };
};

/**
 * The state of the whole installation for administrators and `/metrics`: job queues (depth,
 * oldest waiting job, failures in the last hour), worker processes and their heartbeats
 * (pg-boss's instance registry), the current rate-limit windows, and the database's size.
 * With `workspaceId` the ledger shows only that workspace's accounts and the app's windows.
 *
 * @example
 * const health = await systemHealth(db, boss, clock.now());
 */
export async function systemHealth(db: Executor, boss: PgBoss, now: Date, options: { workspaceId?: string } = {}): Promise<SystemHealth> {
  const [queues, instances, ledger, size, tables] = await Promise.all([
    boss.getQueues(),
    boss.getInstances(),
    db.execute<{ scope: string; account: string | null; endpoint: string; limit: number; remaining: number; reset_at: string }>(sql`
      select w.scope, (select '@' || a.username from x_accounts a where w.scope = 'user:' || a.x_user_id limit 1) as account,
        w.endpoint, w."limit", w.remaining, w.reset_at::text as reset_at
      from x_rate_limit_windows w
      where w.reset_at > ${now.toISOString()}::timestamptz
        ${options.workspaceId ? sql`and (w.scope = 'app' or w.scope in (select 'user:' || x_user_id from x_accounts where workspace_id = ${options.workspaceId}))` : sql``}
      order by (w."limit" - w.remaining)::float / greatest(w."limit", 1) desc, w.scope, w.endpoint
      limit 200
    `),
    db.execute<{ bytes: string }>(sql`select pg_database_size(current_database())::text as bytes`),
    db.execute<{ name: string; bytes: string }>(sql`
      select c.relnamespace::regnamespace::text || '.' || c.relname as name, pg_total_relation_size(c.oid)::text as bytes
      from pg_class c where c.relkind in ('r', 'p') and c.relnamespace::regnamespace::text in ('public', 'pgboss')
      order by pg_total_relation_size(c.oid) desc limit 8
    `),
  ]);
  const since = new Date(now.getTime() - HOUR_MS);
  const queueHealth = await Promise.all(
    queues.filter((queue) => !isPgBossOwn(queue.name)).map(async (queue): Promise<QueueHealth> => {
      const history = await boss.getQueueStats(queue.name, { from: since, to: now }).catch(() => []);
      const counted = history.filter((snapshot) => snapshot.completedDelta !== null && snapshot.capturedOn >= since);
      const completed = counted.length > 0 ? counted.reduce((sum, snapshot) => sum + (snapshot.completedDelta ?? 0), 0) : null;
      const failed = counted.length > 0 ? counted.reduce((sum, snapshot) => sum + (snapshot.failedDelta ?? 0), 0) : null;
      const finished = (completed ?? 0) + (failed ?? 0);
      return {
        name: queue.name,
        ready: queue.readyCount,
        deferred: queue.deferredCount,
        active: queue.activeCount,
        failed: queue.failedCount,
        oldestReadySeconds: queue.readyOldestSeconds,
        failureRate: finished > 0 ? (failed ?? 0) / finished : null,
        completedLastHour: completed,
        failedLastHour: failed,
      };
    }),
  );
  return {
    checkedAt: now,
    queues: queueHealth.sort((a, b) => a.name.localeCompare(b.name)),
    workers: instances.map((instance) => ({
      id: instance.id,
      name: instance.name,
      host: instance.host,
      pid: instance.pid,
      live: instance.live,
      heartbeatAt: instance.heartbeatOn,
      startedAt: instance.startedOn,
      queues: [...new Set(instance.workers.map((worker) => worker.queue))].sort(),
    })),
    ledger: ledger.map((row) => ({ scope: row.scope, account: row.account, endpoint: row.endpoint, limit: row.limit, remaining: row.remaining, resetAt: new Date(row.reset_at) })),
    database: { sizeBytes: Number(size[0]?.bytes ?? 0), largestTables: tables.map((table) => ({ name: table.name, bytes: Number(table.bytes) })) },
  };
}

/**
 * pg-boss's own queues (`__pgboss__send-it` carries its schedules' sends): its business, not
 * the app's, and nothing an administrator can act on; the schedules they serve show up as
 * the app's queues that the sends fill.
 */
function isPgBossOwn(queueName: string): boolean {
  return queueName.startsWith('__pgboss__');
}
