import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { workspaces } from './workspaces';

export const xAccountStatus = pgEnum('x_account_status', ['active', 'needs_reauth', 'revoked']);

/**
 * A connected X account. Tokens are stored only as ciphertext ("<keyId>:<payload>",
 * AES-256-GCM) so keys can rotate; the plaintext never reaches the database.
 */
export const xAccounts = pgTable(
  'x_accounts',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    xUserId: text().notNull(),
    username: text().notNull(),
    displayName: text().notNull(),
    profileImageUrl: text(),
    status: xAccountStatus().notNull().default('active'),
    /** Why the account needs attention, in words a person can act on. */
    statusReason: text(),
    scopes: text().array().notNull().default(sql`'{}'::text[]`),
    accessTokenCiphertext: text().notNull(),
    refreshTokenCiphertext: text(),
    accessTokenExpiresAt: timestamp({ withTimezone: true }).notNull(),
    lastRefreshedAt: timestamp({ withTimezone: true }),
    /** IANA zone for the account's posting slots and best-time analysis. */
    timezone: text().notNull().default('UTC'),
    /** A paused queue keeps its posts but publishes none of them until resumed. */
    queuePaused: boolean().notNull().default(false),
    connectedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.workspaceId, table.xUserId), index().on(table.xUserId)],
);

/**
 * The rate-limit ledger: what X allows per window, kept true from the `x-rate-limit-*`
 * headers of every response. `scope` is `user:<xUserId>` or `app`; `endpoint` is
 * "METHOD /2/path" with ids replaced by `:id`. A call first takes a unit here, so a
 * request X would refuse with 429 is never sent.
 */
export const xRateLimitWindows = pgTable(
  'x_rate_limit_windows',
  {
    scope: text().notNull(),
    endpoint: text().notNull(),
    limit: integer().notNull(),
    remaining: integer().notNull(),
    resetAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.scope, table.endpoint] })],
);
