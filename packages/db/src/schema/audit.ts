import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * Who did what and when: sign-ins, tokens, account connections, member changes, workflow
 * edits, exports and deletions. Workspace entries are shown to the workspace's owners;
 * entries without a workspace (a sign-in) belong to the person who acted. People are
 * referenced only by foreign key, so erasing someone leaves "a deleted person" behind and
 * no copy of their name or email.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid().references(() => workspaces.id, { onDelete: 'cascade' }),
    actorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** How the actor acted: `session`, `api-token`, or `system` for background jobs. */
    actorKind: text().notNull(),
    /** e.g. `auth.sign_in`, `member.role_changed`; see AUDIT_ACTIONS in @tweetflow/core. */
    action: text().notNull(),
    /** The person the action was about (a member whose role changed), if any. */
    subjectUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** What else it was about: `api_token`, `x_account`, `workflow`, `invite`… and its id. */
    targetType: text(),
    targetId: text(),
    /** A few readable facts (the new role, the account's @username); never secrets. */
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ipAddress: text(),
    userAgent: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index().on(table.workspaceId, table.createdAt),
    index().on(table.actorUserId, table.createdAt),
    index().on(table.subjectUserId),
  ],
);
