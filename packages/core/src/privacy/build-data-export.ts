import { once } from 'node:events';
import { eq } from 'drizzle-orm';
import { dataExports, type Database } from '@tweetflow/db';
import type { Logger } from '../runtime/logger';
import type { Clock } from '../runtime/clock';
import type { MediaStore } from '../media/media-store';
import { loadCatalog } from './catalog';
import { collectRelatedRows, selectWhereIn, type RelatedRows } from './collect-related-rows';
import { exportFiles, safeFileName } from './export-contents';
import type { ExportStore } from './export-store';
import { ZipWriter } from './zip-writer';

export type DataExportDeps = { db: Database; clock: Clock; logger: Logger; media: MediaStore; exports: ExportStore };

/** How long a finished export can be downloaded. */
export const EXPORT_AVAILABLE_MS = 24 * 60 * 60 * 1000;

/**
 * Builds one requested export into a zip: a README, a manifest, one JSON file per table
 * holding rows that belong to the person (or workspace), and the media files among them.
 * Progress is written to the export's row as it goes, so the page can show it live. A
 * failure marks the export failed with a sentence to show; it is not retried.
 *
 * @example
 * await buildDataExport(deps, exportId);
 */
export async function buildDataExport(deps: DataExportDeps, exportId: string): Promise<void> {
  const { db, clock, logger } = deps;
  const [request] = await db.select().from(dataExports).where(eq(dataExports.id, exportId));
  // `running` too: a worker that died mid-build leaves it so, and the retry starts over.
  if (!request || (request.status !== 'queued' && request.status !== 'running')) return;
  await db.update(dataExports).set({ status: 'running', progress: 0 }).where(eq(dataExports.id, exportId));
  const fileKey = `${exportId}.zip`;
  try {
    await writeExportZip(deps, { exportId, fileKey, userId: request.requestedByUserId, workspaceId: request.workspaceId });
    const finishedAt = clock.now();
    await db
      .update(dataExports)
      .set({
        status: 'ready',
        progress: 1,
        fileKey,
        sizeBytes: await deps.exports.size(fileKey),
        finishedAt,
        expiresAt: new Date(finishedAt.getTime() + EXPORT_AVAILABLE_MS),
      })
      .where(eq(dataExports.id, exportId));
  } catch (error) {
    logger.error({ err: error, exportId }, 'data export failed');
    await deps.exports.remove(fileKey);
    await db
      .update(dataExports)
      .set({ status: 'failed', finishedAt: clock.now(), error: 'The export could not be built. Please request a new one; if it fails again, tell your administrator.' })
      .where(eq(dataExports.id, exportId));
  }
}

async function writeExportZip(
  deps: DataExportDeps,
  { exportId, fileKey, userId, workspaceId }: { exportId: string; fileKey: string; userId: string; workspaceId: string | null },
): Promise<void> {
  const { db, clock } = deps;
  const catalog = await loadCatalog(db);
  const root = workspaceId ? { table: 'workspaces', id: workspaceId } : { table: 'users', id: userId };
  // Walking the tables is the first half of the bar; media files are the second.
  let walked = 0;
  const related = await collectRelatedRows(db, catalog, root, {
    onTable: async () => {
      walked += 1;
      await setProgress(db, exportId, Math.min(0.5, (walked / catalog.tables.size) * 0.5));
    },
  });
  if (!workspaceId) await addMemberWorkspaces(db, related);
  const files = exportFiles(catalog, related);
  const mediaRows = (related.get('media') ?? []) as Array<{ id: string; file_name: string; storage_key: string }>;

  const zip = new ZipWriter(await deps.exports.createWriteStream(fileKey));
  const missingMedia: string[] = [];
  await zip.addText('README.txt', readme(workspaceId !== null));
  for (const file of files) await zip.addText(file.name, JSON.stringify(file.rows, null, 2));
  for (const [index, item] of mediaRows.entries()) {
    const source = deps.media.stream(item.storage_key);
    try {
      await once(source, 'open');
      await zip.addStream(`media/${item.id}-${safeFileName(item.file_name)}`, source);
    } catch {
      source.destroy();
      missingMedia.push(item.id);
    }
    await setProgress(db, exportId, 0.5 + ((index + 1) / mediaRows.length) * 0.45);
  }
  const manifest = {
    export: exportId,
    of: workspaceId ? { workspace: workspaceId } : { person: userId },
    createdAt: clock.now().toISOString(),
    files: files.map((file) => ({ file: file.name, table: file.table, rows: file.rows.length })),
    media: { files: mediaRows.length - missingMedia.length, missing: missingMedia },
    excluded: 'Passwords, tokens, token hashes, session ids, encrypted X credentials, webhook secrets and URLs are never exported.',
  };
  await zip.addText('manifest.json', JSON.stringify(manifest, null, 2));
  await zip.finish();
}

/**
 * A personal export names every workspace the person belongs to (name, zone), not only
 * their personal one; the other workspaces' contents are their owners' to export.
 */
async function addMemberWorkspaces(db: Database, related: RelatedRows): Promise<void> {
  const known = new Set((related.get('workspaces') ?? []).map((row) => row.id));
  const ids = (related.get('workspace_members') ?? []).map((row) => row.workspace_id as string).filter((id) => !known.has(id));
  if (ids.length === 0) return;
  related.set('workspaces', [...(related.get('workspaces') ?? []), ...(await selectWhereIn(db, 'workspaces', 'id', ids))]);
}

async function setProgress(db: Database, exportId: string, progress: number): Promise<void> {
  await db.update(dataExports).set({ progress }).where(eq(dataExports.id, exportId));
}

function readme(isWorkspace: boolean): string {
  return [
    isWorkspace ? 'TweetFlow workspace export' : 'TweetFlow personal data export',
    '',
    isWorkspace
      ? 'Everything TweetFlow holds for this workspace: its posts and threads with every publishing attempt, media, X accounts (without their tokens), workflows with their versions and runs, analytics, alerts, notifications and the audit log.'
      : 'Everything TweetFlow holds about you: your profile, sessions (without their ids), memberships, API tokens (without the tokens), your personal workspace in full, what you wrote or uploaded in other workspaces, notifications and your audit entries.',
    '',
    'data/<table>.json  the rows of one database table, with the database column names',
    'media/             uploaded images and videos, named <media id>-<file name>',
    'manifest.json      what is in this file and how many rows each table holds',
    '',
    'Passwords, tokens and secrets are never included.',
    '',
  ].join('\n');
}
