export { RETENTION_CATEGORIES, findRetentionCategory, type RetentionCategory } from './retention-categories';
export { getRetentionSettings, setRetentionDays, MAX_RETENTION_DAYS, type RetentionSetting } from './retention-settings';
export { enforceRetention } from './enforce-retention';
