import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { postItems } from './posts';
import { workspaces } from './workspaces';
import { xAccounts } from './x-accounts';

/**
 * A post on X whose metrics TweetFlow follows: one TweetFlow published (linked to its thread
 * item) or one found on the account's timeline. The latest figures are copied here from the
 * newest snapshot so rankings need no scan of the time series.
 */
export const trackedPosts = pgTable(
  'tracked_posts',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    xAccountId: uuid()
      .notNull()
      .references(() => xAccounts.id, { onDelete: 'cascade' }),
    xPostId: text().notNull(),
    postItemId: uuid().references(() => postItems.id, { onDelete: 'set null' }),
    text: text().notNull().default(''),
    postedAt: timestamp({ withTimezone: true }).notNull(),
    /** When the next metrics poll is due (decaying cadence); null once the post is past 30 days. */
    nextPollAt: timestamp({ withTimezone: true }),
    lastPolledAt: timestamp({ withTimezone: true }),
    impressions: integer().notNull().default(0),
    likes: integer().notNull().default(0),
    reposts: integer().notNull().default(0),
    replies: integer().notNull().default(0),
    quotes: integer().notNull().default(0),
    bookmarks: integer().notNull().default(0),
    /** Owner-only figures (X shows them for 30 days); null when X did not give them. */
    urlLinkClicks: integer(),
    profileClicks: integer(),
    /** likes + reposts + replies + quotes + bookmarks. */
    engagements: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique().on(table.xAccountId, table.xPostId),
    index().on(table.xAccountId, table.nextPollAt),
    index().on(table.workspaceId, table.postedAt),
    index().on(table.postItemId),
  ],
);

/** A post's figures at one moment; the series is what the growth curves are drawn from. */
export const postMetricSnapshots = pgTable(
  'post_metric_snapshots',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    trackedPostId: uuid()
      .notNull()
      .references(() => trackedPosts.id, { onDelete: 'cascade' }),
    capturedAt: timestamp({ withTimezone: true }).notNull(),
    impressions: integer().notNull(),
    likes: integer().notNull(),
    reposts: integer().notNull(),
    replies: integer().notNull(),
    quotes: integer().notNull(),
    bookmarks: integer().notNull(),
    urlLinkClicks: integer(),
    profileClicks: integer(),
    engagements: integer().notNull(),
  },
  (table) => [index().on(table.trackedPostId, table.capturedAt)],
);

/** An account's audience at one moment (daily). */
export const accountMetricSnapshots = pgTable(
  'account_metric_snapshots',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    xAccountId: uuid()
      .notNull()
      .references(() => xAccounts.id, { onDelete: 'cascade' }),
    capturedAt: timestamp({ withTimezone: true }).notNull(),
    followers: integer().notNull(),
    following: integer().notNull(),
    posts: integer().notNull(),
    listed: integer().notNull().default(0),
  },
  (table) => [index().on(table.xAccountId, table.capturedAt)],
);
