export * from './schema';
export { createDatabase, type Database, type DatabaseConnection, type Executor, type Transaction } from './client';
export { BatchLane, type BatchLaneOptions } from './batch-lane';
export { jsonRowCount } from './json-rows';
export { executeText } from './text-statement';
export { transactInOneTrip, transactInTwoTrips, type ClosingTrip, type TextStatement } from './two-trip-transaction';
export { migrateDatabase, migrationsFolder } from './migrate';
export { ensureDatabaseExists, startEmbeddedPostgres, type EmbeddedCluster } from './embedded';
export { resolveDatabase, type ResolvedDatabase } from './resolve';
