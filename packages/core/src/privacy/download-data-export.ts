import { and, eq, lte } from 'drizzle-orm';
import { dataExports, type Executor } from '@tweetflow/db';
import { recordAudit, type RequestClient } from '../audit/record-audit';
import { DomainError } from '../errors';
import type { Clock } from '../runtime/clock';
import type { ExportStore } from './export-store';
import { signExportLink } from './export-links';

/**
 * The signed download link of a ready export, for the person who asked for it.
 *
 * @example
 * const link = exportDownloadLink(signingKey, exportView); // '/exports/…/download?expires=…&signature=…' or null
 */
export function exportDownloadLink(signingKey: Buffer, view: { id: string; status: string; expiresAt: Date | null }): string | null {
  return view.status === 'ready' && view.expiresAt ? signExportLink(signingKey, view.id, view.expiresAt) : null;
}

/**
 * Opens a ready export for download (the link was already verified) and records who
 * downloaded it. An expired or unknown export is refused with a sentence to show.
 *
 * @example
 * const file = await openDataExportDownload(db, clock, store, { exportId, client });
 */
export async function openDataExportDownload(
  db: Executor,
  clock: Clock,
  store: ExportStore,
  input: { exportId: string; client?: RequestClient | null },
) {
  const [row] = await db.select().from(dataExports).where(eq(dataExports.id, input.exportId));
  if (!row) throw new DomainError('not_found', 'This export no longer exists. Request a new one in Settings → Privacy & data.');
  if (row.status !== 'ready' || !row.fileKey || !row.expiresAt || row.expiresAt <= clock.now()) {
    throw new DomainError('not_found', 'This export has expired. Request a new one in Settings → Privacy & data.');
  }
  await recordAudit(db, {
    action: 'export.downloaded',
    at: clock.now(),
    actor: { userId: row.requestedByUserId, kind: 'session' },
    workspaceId: row.workspaceId,
    target: { type: 'data_export', id: row.id },
    client: input.client,
  });
  return {
    fileName: `tweetflow-${row.workspaceId ? 'workspace' : 'personal'}-export-${row.createdAt.toISOString().slice(0, 10)}.zip`,
    sizeBytes: row.sizeBytes,
    stream: store.stream(row.fileKey),
  };
}

/**
 * Marks exports past their 24 hours as expired and deletes their files.
 *
 * @example
 * const expired = await expireDataExports(db, store, clock.now());
 */
export async function expireDataExports(db: Executor, store: ExportStore, now: Date): Promise<number> {
  const expired = await db
    .update(dataExports)
    .set({ status: 'expired' })
    .where(and(eq(dataExports.status, 'ready'), lte(dataExports.expiresAt, now)))
    .returning({ fileKey: dataExports.fileKey });
  for (const { fileKey } of expired) if (fileKey) await store.remove(fileKey);
  return expired.length;
}
