import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: uuid().primaryKey().default(sql`uuidv7()`),
  /** Stored lower-cased so sign-in is case-insensitive; null for people who only use X. */
  email: text().unique(),
  /** argon2id hash; null for people who only sign in with X. */
  passwordHash: text(),
  /** Set when the person signs in with X; links that X user to this TweetFlow user. */
  xUserId: text().unique(),
  displayName: text().notNull(),
  /** IANA zone used as the default for scheduling and reports. */
  timezone: text().notNull().default('UTC'),
  /** Remembered selection, so the app reopens where the person left it. */
  currentWorkspaceId: uuid(),
  currentXAccountId: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Lucia-style sessions: the id is the SHA-256 of the random token held in the
 * cookie, so a leaked table cannot be replayed as cookies.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.userId)],
);

/**
 * Failed sign-in attempts per key (an email or a client address), for throttling
 * password guessing. A row is cleared by a successful sign-in.
 */
export const signInThrottles = pgTable('sign_in_throttles', {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  lockedUntil: timestamp({ withTimezone: true }),
});
