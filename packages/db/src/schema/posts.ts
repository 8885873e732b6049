import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { workspaces } from './workspaces';
import { xAccounts } from './x-accounts';

/**
 * `outcome_unknown`: an X call was sent but no answer came back (crash, timeout, 5xx), so
 * the post may or may not exist on X; the publish job reconciles against the timeline.
 */
export const postStatus = pgEnum('post_status', [
  'draft',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'outcome_unknown',
]);

/** Where a post came from, so the calendar and queue can tell them apart. */
export const postSource = pgEnum('post_source', ['composer', 'queue', 'recurring', 'csv', 'workflow', 'api']);

/** A rule that produced a run of posts, e.g. "every 2 weeks on Mon and Thu at 09:00, 10 times". */
export const postSeries = pgTable('post_series', {
  id: uuid().primaryKey().default(sql`uuidv7()`),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** The recurrence as chosen: interval, unit, weekdays, local time, zone, end. */
  rule: jsonb().$type<Record<string, unknown>>().notNull(),
  createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A post to X: one item, or several published as a thread. The instant is stored with
 * the IANA zone it was chosen in, so "09:00 Europe/Berlin" can be shown and edited as such.
 * An account that is disconnected leaves its posts behind with no account.
 */
export const posts = pgTable(
  'posts',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    xAccountId: uuid().references(() => xAccounts.id, { onDelete: 'set null' }),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    status: postStatus().notNull().default('draft'),
    source: postSource().notNull().default('composer'),
    scheduledAt: timestamp({ withTimezone: true }),
    timezone: text().notNull().default('UTC'),
    /** The first item replies to this X post. */
    replyToXPostId: text(),
    /** The first item quotes this X post. */
    quoteXPostId: text(),
    seriesId: uuid().references(() => postSeries.id, { onDelete: 'set null' }),
    /** The pg-boss job that publishes this post now; an older job finding another id here stands down. */
    publishJobId: uuid(),
    /** Why the post failed or is waiting, in words a person can act on. */
    statusReason: text(),
    /**
     * The thread at a glance: its first item's text and how many items it has. Written with
     * the items by every writer (`postContentColumns`), so the calendar, queue and quota
     * read a month of posts without reading their items: that join was half the calendar
     * query's time (`pnpm bench api`).
     */
    firstText: text().notNull().default(''),
    itemCount: integer().notNull().default(0),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index().on(table.workspaceId, table.scheduledAt),
    // The list view pages newest first by (created_at, id); without this PostgreSQL sorts
    // every post of the workspace to return the first 50.
    index().on(table.workspaceId, table.createdAt, table.id),
    index().on(table.xAccountId, table.status, table.scheduledAt),
    index().on(table.seriesId),
  ],
);

/** One post of a thread, in order. `xPostId` is set once X has it. */
export const postItems = pgTable(
  'post_items',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    text: text().notNull(),
    xPostId: text(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (table) => [unique().on(table.postId, table.position)],
);

export const mediaKind = pgEnum('media_kind', ['image', 'gif', 'video']);

/** An uploaded image, GIF or video. The bytes live in the data directory under `storageKey`. */
export const media = pgTable(
  'media',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    uploadedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    kind: mediaKind().notNull(),
    mimeType: text().notNull(),
    sizeBytes: integer().notNull(),
    fileName: text().notNull(),
    altText: text().notNull().default(''),
    storageKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workspaceId)],
);

/** The media attached to a thread item, in order (up to 4 images, or 1 video or GIF). */
export const postItemMedia = pgTable(
  'post_item_media',
  {
    postItemId: uuid()
      .notNull()
      .references(() => postItems.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    mediaId: uuid()
      .notNull()
      .references(() => media.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.postItemId, table.position] }), index().on(table.mediaId)],
);

export const publishAttemptStatus = pgEnum('publish_attempt_status', [
  'pending',
  'succeeded',
  'failed',
  'outcome_unknown',
  'found_on_timeline',
  'not_on_timeline',
]);

/**
 * One call to X to create one thread item, written (as `pending`) before the call is made.
 * A `pending` or `outcome_unknown` attempt found by a later run means the previous run may
 * have created the post: it is looked up on the timeline before anything is sent again.
 */
export const publishAttempts = pgTable(
  'publish_attempts',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    itemPosition: integer().notNull(),
    jobId: uuid(),
    status: publishAttemptStatus().notNull().default('pending'),
    xPostId: text(),
    errorKind: text(),
    errorMessage: text(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index().on(table.postId, table.itemPosition)],
);

/** A weekly posting slot of an account's queue: weekday (1 = Monday … 7 = Sunday) and local time. */
export const postingSlots = pgTable(
  'posting_slots',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    xAccountId: uuid()
      .notNull()
      .references(() => xAccounts.id, { onDelete: 'cascade' }),
    weekday: integer().notNull(),
    /** "HH:MM" in the account's timezone. */
    localTime: text().notNull(),
  },
  (table) => [unique().on(table.xAccountId, table.weekday, table.localTime)],
);

export const libraryItemKind = pgEnum('library_item_kind', ['template', 'snippet', 'hashtag_group']);

/**
 * Reusable content for the composer: a template (a whole thread), a snippet (a piece of
 * text) or a hashtag group. `items` holds the thread's texts, the snippet, or the hashtags.
 */
export const libraryItems = pgTable(
  'library_items',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: libraryItemKind().notNull(),
    name: text().notNull(),
    items: text().array().notNull(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.workspaceId, table.kind, table.name)],
);
