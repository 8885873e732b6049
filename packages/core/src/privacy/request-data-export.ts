import { and, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { dataExports, type Database } from '@tweetflow/db';
import { recordAudit, type RequestClient } from '../audit/record-audit';
import { DomainError } from '../errors';
import { QUEUES } from '../queue/queues';
import type { Clock } from '../runtime/clock';
import { jobsIn } from '../queue/jobs-in';

export type DataExportJobData = { exportId: string };

/**
 * Asks for an export of everything TweetFlow holds about a person (no `workspaceId`) or
 * about a workspace (its owner asks). The row and its build job are written in one
 * transaction; one export per person and scope is built at a time.
 *
 * @example
 * const { exportId } = await requestDataExport(db, boss, clock, { userId, workspaceId: null, client });
 */
export async function requestDataExport(
  db: Database,
  boss: PgBoss,
  clock: Clock,
  input: { userId: string; workspaceId: string | null; client?: RequestClient | null },
): Promise<{ exportId: string }> {
  return db.transaction(async (tx) => {
    const scope = input.workspaceId ? eq(dataExports.workspaceId, input.workspaceId) : isNull(dataExports.workspaceId);
    const [busy] = await tx
      .select({ id: dataExports.id })
      .from(dataExports)
      .where(and(eq(dataExports.requestedByUserId, input.userId), scope, inArray(dataExports.status, ['queued', 'running'])))
      .for('update');
    if (busy) throw new DomainError('conflict', 'An export is already being prepared. It will appear here when it is ready.');
    const [row] = await tx
      .insert(dataExports)
      .values({ requestedByUserId: input.userId, workspaceId: input.workspaceId, createdAt: clock.now() })
      .returning({ id: dataExports.id });
    await boss.send(QUEUES.privacyExport, { exportId: row!.id } satisfies DataExportJobData, { db: jobsIn(tx) });
    await recordAudit(tx, {
      action: 'export.requested',
      at: clock.now(),
      actor: { userId: input.userId, kind: 'session' },
      workspaceId: input.workspaceId,
      target: { type: 'data_export', id: row!.id },
      client: input.client,
    });
    return { exportId: row!.id };
  });
}

export type DataExportView = {
  id: string;
  workspaceId: string | null;
  status: 'queued' | 'running' | 'ready' | 'failed' | 'expired';
  progress: number;
  sizeBytes: number | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date | null;
};

/**
 * The person's recent exports of one scope (personal, or one workspace), newest first.
 *
 * @example
 * const exports = await listDataExports(db, { userId, workspaceId: null });
 */
export async function listDataExports(
  db: Database,
  input: { userId: string; workspaceId: string | null },
): Promise<DataExportView[]> {
  const scope = input.workspaceId ? eq(dataExports.workspaceId, input.workspaceId) : isNull(dataExports.workspaceId);
  return db
    .select({
      id: dataExports.id,
      workspaceId: dataExports.workspaceId,
      status: dataExports.status,
      progress: dataExports.progress,
      sizeBytes: dataExports.sizeBytes,
      error: dataExports.error,
      createdAt: dataExports.createdAt,
      finishedAt: dataExports.finishedAt,
      expiresAt: dataExports.expiresAt,
    })
    .from(dataExports)
    .where(and(eq(dataExports.requestedByUserId, input.userId), scope, ne(dataExports.status, 'expired')))
    .orderBy(desc(dataExports.createdAt))
    .limit(5);
}
