import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { xAccounts } from './x-accounts';

/**
 * A public X account a workspace watches. Its data is read with the token of one of the
 * workspace's connected accounts (`viaXAccountId`), within the workspace's daily budget.
 */
export const competitors = pgTable(
  'competitors',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    xUserId: text().notNull(),
    username: text().notNull(),
    displayName: text().notNull(),
    profileImageUrl: text(),
    viaXAccountId: uuid().references(() => xAccounts.id, { onDelete: 'set null' }),
    nextCollectAt: timestamp({ withTimezone: true }).notNull(),
    lastCollectedAt: timestamp({ withTimezone: true }),
    /** Why the last collection did not happen, in words a person can act on. */
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.workspaceId, table.xUserId), index().on(table.nextCollectAt)],
);

/** A competitor's audience at one moment. */
export const competitorSnapshots = pgTable(
  'competitor_snapshots',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    competitorId: uuid()
      .notNull()
      .references(() => competitors.id, { onDelete: 'cascade' }),
    capturedAt: timestamp({ withTimezone: true }).notNull(),
    followers: integer().notNull(),
    following: integer().notNull(),
    posts: integer().notNull(),
  },
  (table) => [index().on(table.competitorId, table.capturedAt)],
);

/** A competitor's recent post with its latest public figures. */
export const competitorPosts = pgTable(
  'competitor_posts',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    competitorId: uuid()
      .notNull()
      .references(() => competitors.id, { onDelete: 'cascade' }),
    xPostId: text().notNull(),
    text: text().notNull(),
    postedAt: timestamp({ withTimezone: true }).notNull(),
    impressions: integer().notNull(),
    likes: integer().notNull(),
    reposts: integer().notNull(),
    replies: integer().notNull(),
    quotes: integer().notNull(),
    bookmarks: integer().notNull(),
    engagements: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [unique().on(table.competitorId, table.xPostId), index().on(table.competitorId, table.postedAt)],
);

/** Calls to X made for competitor tracking per workspace and UTC day, against its fixed budget. */
export const competitorApiUsage = pgTable(
  'competitor_api_usage',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    day: date().notNull(),
    calls: integer().notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.day] })],
);
