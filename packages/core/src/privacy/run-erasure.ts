import { and, eq, lte } from 'drizzle-orm';
import { erasureRequests, workspaces } from '@tweetflow/db';
import type { PgBoss } from 'pg-boss';
import { recordAudit } from '../audit/record-audit';
import { QUEUES } from '../queue/queues';
import { eraseAccount } from './erase-account';
import { eraseWorkspace } from './erase-workspace';
import type { ErasureDeps } from './erasure-deps';
import type { ErasureJobData } from './schedule-erasure';

/**
 * The erasure job: carries out a request whose grace period is over. A cancelled request
 * (row gone) or one not yet due (a sweep found it early) is left alone.
 *
 * @example
 * await runErasure(deps, { requestId }, job.id);
 */
export async function runErasure(deps: ErasureDeps, { requestId }: ErasureJobData, jobId: string | null): Promise<'erased' | 'nothing to do'> {
  const { db, clock } = deps;
  const [request] = await db
    .update(erasureRequests)
    .set({ status: 'erasing' })
    .where(and(eq(erasureRequests.id, requestId), lte(erasureRequests.eraseAfter, clock.now())))
    .returning();
  if (!request) return 'nothing to do';

  if (request.workspaceId) {
    const [workspace] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, request.workspaceId));
    await eraseWorkspace(deps, request.workspaceId, { exceptJobId: jobId });
    await recordAudit(db, {
      action: 'workspace.deleted',
      at: clock.now(),
      actor: { userId: request.requestedByUserId, kind: 'system' },
      details: { name: workspace?.name ?? '' },
    });
  }
  if (request.userId) await eraseAccount(deps, request.userId, { exceptJobId: jobId });
  deps.logger.info({ requestId, workspace: Boolean(request.workspaceId) }, 'erasure completed');
  return 'erased';
}

/**
 * Enqueues requests whose grace period is over but whose job is gone (a database restored
 * from a backup, a queue purged by hand), so nothing scheduled is forgotten.
 *
 * @example
 * const requeued = await requeueOverdueErasures(db, boss, clock.now());
 */
export async function requeueOverdueErasures(db: ErasureDeps['db'], boss: PgBoss, now: Date): Promise<number> {
  const due = await db
    .select({ id: erasureRequests.id })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.status, 'scheduled'), lte(erasureRequests.eraseAfter, new Date(now.getTime() - 3_600_000))));
  for (const { id } of due) {
    await boss.send(QUEUES.privacyErase, { requestId: id } satisfies ErasureJobData, { singletonKey: `erase:${id}` });
  }
  return due.length;
}
