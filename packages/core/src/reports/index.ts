export { generateReport, type ReportDeps, type ReportFigures } from './generate-report';
export { reportDays, reportLabel, type ReportKind } from './report-period';
export { DEFAULT_REPORT_SETTINGS, getReportSettings, reportSettingsInputSchema, saveReportSettings, type ReportSettings } from './report-settings';
export { syncReportSchedules, type ReportJobData } from './report-schedules';
export { getReport, listReports } from './list-reports';
export { reportEmail } from './report-email';
