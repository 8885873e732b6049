import {
  buildDataExport,
  ExportStore,
  QUEUES,
  runErasure,
  runPrivacyMaintenance,
  type DataExportJobData,
  type ErasureDeps,
  type Runtime,
} from '@tweetflow/core';
import { BACKGROUND_POLLING } from './background-polling';

/**
 * Data exports, erasures after their grace period, and the daily privacy clean-up
 * (retention, expired exports, request counters, overdue erasures at 03:41 UTC).
 */
export async function registerPrivacyHandlers(runtime: Runtime): Promise<void> {
  const { boss, db, clock, logger, media, xAccounts, config } = runtime;
  const deps: ErasureDeps = { db, clock, logger, media, exports: ExportStore.inDataDir(config.dataDir), xAccounts };

  // A requested export wakes the worker by NOTIFY; polling only catches a retry (30 s later) or a missed NOTIFY.
  await boss.work<DataExportJobData>(QUEUES.privacyExport, { pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 30 }, async ([job]) => {
    await buildDataExport(deps, job!.data.exportId);
  });
  await boss.work<{ requestId: string }>(QUEUES.privacyErase, BACKGROUND_POLLING, async ([job]) => {
    const outcome = await runErasure(deps, job!.data, job!.id);
    return { outcome };
  });
  await boss.work(QUEUES.privacyMaintenance, BACKGROUND_POLLING, async () => {
    const summary = await runPrivacyMaintenance(deps, boss);
    logger.info(summary, 'privacy maintenance done');
    return summary;
  });
  await boss.schedule(QUEUES.privacyMaintenance, '41 3 * * *', {}, { tz: 'UTC' });
}
