import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
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
    scopes: text().array().notNull().default(sql`'{}'::text[]`),
    accessTokenCiphertext: text().notNull(),
    refreshTokenCiphertext: text(),
    accessTokenExpiresAt: timestamp({ withTimezone: true }).notNull(),
    /** IANA zone for the account's posting slots and best-time analysis. */
    timezone: text().notNull().default('UTC'),
    connectedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.workspaceId, table.xUserId), index().on(table.xUserId)],
);
