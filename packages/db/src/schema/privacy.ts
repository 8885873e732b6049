import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgEnum, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { workspaces } from './workspaces';

export const dataExportStatus = pgEnum('data_export_status', ['queued', 'running', 'ready', 'failed', 'expired']);

/**
 * A download of everything TweetFlow holds about a person (no workspace) or about one
 * workspace (asked for by an owner): a zip built by a background job into the data
 * directory, downloadable through a signed link until `expiresAt`.
 */
export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    requestedByUserId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Null for a personal export; the workspace for a workspace export. */
    workspaceId: uuid().references(() => workspaces.id, { onDelete: 'cascade' }),
    status: dataExportStatus().notNull().default('queued'),
    /** 0 … 1, updated as the job goes. */
    progress: real().notNull().default(0),
    /** Where the zip lives in the exports store, once built. */
    fileKey: text(),
    sizeBytes: bigint({ mode: 'number' }),
    /** Why it failed, in words a person can act on. */
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
  },
  (table) => [index().on(table.requestedByUserId, table.createdAt), index().on(table.workspaceId)],
);

export const erasureStatus = pgEnum('erasure_status', ['scheduled', 'erasing']);

/**
 * A requested deletion of a person's account or of a workspace. Nothing is removed until
 * `eraseAfter` (the grace period); until the job starts, cancelling deletes this row and
 * everything stays. The row goes with its subject when the erasure completes.
 */
export const erasureRequests = pgTable(
  'erasure_requests',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    /** Set for an account deletion. */
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    /** Set for a workspace deletion. */
    workspaceId: uuid().references(() => workspaces.id, { onDelete: 'cascade' }),
    requestedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    status: erasureStatus().notNull().default('scheduled'),
    eraseAfter: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex().on(table.userId),
    uniqueIndex().on(table.workspaceId),
    index().on(table.status, table.eraseAfter),
  ],
);

/**
 * How many days a workspace keeps one kind of history (`category`: run logs, metric
 * snapshots, audit entries; see RETENTION_CATEGORIES in @tweetflow/core). No row means
 * the category's default.
 */
export const retentionPolicies = pgTable(
  'retention_policies',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    category: text().notNull(),
    days: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.category] })],
);
