import { eq } from 'drizzle-orm';
import { workspaces, xAccounts } from '@tweetflow/db';
import { JOB_QUEUE_SCHEMA } from '../queue/job-queue';
import { disconnectXAccount } from '../x-accounts/disconnect-x-account';
import { XAccountNotFoundError } from '../x-accounts/errors';
import { loadCatalog } from './catalog';
import { collectRelatedRows } from './collect-related-rows';
import type { ErasureDeps } from './erasure-deps';
import { clearDanglingReferences, deleteJobsMentioning, idsOf } from './scrub-references';

/**
 * Erases a workspace for good: its X accounts' tokens are revoked at X, every row it owns
 * goes (the database cascades from the workspace row), pg-boss jobs and schedules that
 * mention any of those rows go, columns elsewhere that still point at them are cleared,
 * and its media files and export files are deleted. Safe to run again after a failure:
 * each step finds what is left.
 *
 * @example
 * await eraseWorkspace(deps, workspaceId, { exceptJobId: job.id });
 */
export async function eraseWorkspace(deps: ErasureDeps, workspaceId: string, options: { exceptJobId: string | null }): Promise<void> {
  const { db } = deps;
  const accounts = await db.select({ id: xAccounts.id }).from(xAccounts).where(eq(xAccounts.workspaceId, workspaceId));
  for (const account of accounts) {
    try {
      await disconnectXAccount(db, deps.xAccounts, { workspaceId, accountId: account.id });
    } catch (error) {
      if (!(error instanceof XAccountNotFoundError)) throw error;
    }
  }

  const catalog = await loadCatalog(db);
  const related = await collectRelatedRows(db, catalog, { table: 'workspaces', id: workspaceId }, { mentions: false });
  const ids = idsOf(catalog, related);
  const mediaKeys = (related.get('media') ?? []).map((row) => String(row.storage_key));
  const exportKeys = (related.get('data_exports') ?? []).map((row) => row.file_key).filter((key): key is string => typeof key === 'string');

  // Files before rows: a retry after a crash in between still finds the rows, and so the
  // keys; the other way round it would find neither and leave the files behind.
  for (const key of mediaKeys) await deps.media.remove(key);
  for (const key of exportKeys) await deps.exports.remove(key);
  await db.transaction(async (tx) => {
    await deleteJobsMentioning(tx, JOB_QUEUE_SCHEMA, ids, options.exceptJobId);
    await tx.delete(workspaces).where(eq(workspaces.id, workspaceId));
    await clearDanglingReferences(tx, catalog, ids);
  });
}
