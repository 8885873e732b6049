import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const workspaces = pgTable('workspaces', {
  id: uuid().primaryKey().default(sql`uuidv7()`),
  name: text().notNull(),
  /** IANA zone for reports and calendar defaults. */
  timezone: text().notNull().default('UTC'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const workspaceRole = pgEnum('workspace_role', ['owner', 'editor', 'viewer']);

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: workspaceRole().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.userId] }), index().on(table.userId)],
);
