export * from './local-time';
export * from './posting-slots';
export { loadQueueAccount, type QueueAccount } from './queue-account';
export { getQueueSchedule, setQueueSchedule, type QueueSchedule } from './queue-settings';
export { findNextQueueSlot, previewQueueSlots, type QueueSlotPreview } from './queue-slots';
export { listUpcomingQueue, type UpcomingQueue } from './upcoming-queue';
export { reorderQueue } from './reorder-queue';
export { pauseQueue, resumeQueue } from './queue-pause';
export type { PostSummary } from './post-summaries';
export * from './recurrence';
export { createRecurringPosts, getSeries, type SeriesView } from './recurring-posts';
export { stopSeries, updateSeriesContent } from './series-changes';
export { MAX_CSV_ROWS, CSV_COLUMNS, readCsvRows } from './csv-rows';
export type { CsvRowReport } from './csv-row-check';
export { previewCsvImport, commitCsvImport, type CsvImportReport } from './csv-import';
export { DOCUMENTED_POST_LIMIT, MAX_UNITS_PER_POST, planQuota, type PlannedUnits, type QuotaPlan, type QuotaWindow } from './quota-plan';
export { forecastPostQuota, type QuotaForecast } from './quota-forecast';
// The composer's library (templates, snippets, hashtag groups) ships with this entry point.
export * from '../library';
