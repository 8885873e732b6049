import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

export const reportKind = pgEnum('report_kind', ['daily', 'weekly']);

/** Which reports a workspace wants, and when (local hour in the workspace's zone). */
export const reportSettings = pgTable('report_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  daily: boolean().notNull().default(false),
  weekly: boolean().notNull().default(true),
  /** 0–23 in the workspace's timezone. */
  sendHour: integer().notNull().default(8),
  email: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A generated report: the figures of one day or week, as shown in the app and emailed. */
export const reports = pgTable(
  'reports',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: reportKind().notNull(),
    periodStart: timestamp({ withTimezone: true }).notNull(),
    periodEnd: timestamp({ withTimezone: true }).notNull(),
    timezone: text().notNull(),
    /** e.g. "Mon 2 Mar 2026" or "Week of 2 Mar 2026". */
    label: text().notNull(),
    figures: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.workspaceId, table.kind, table.periodStart), index().on(table.workspaceId, table.createdAt)],
);

export const outboundEmailStatus = pgEnum('outbound_email_status', ['stored', 'sent', 'failed']);

/**
 * Every email TweetFlow sends (reports, alerts). Without SMTP_URL it is only stored here
 * (`stored`) and readable in the app, so development needs no mail server.
 */
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** e.g. `report.weekly`, `alert`. */
    kind: text().notNull(),
    to: text().array().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    status: outboundEmailStatus().notNull().default('stored'),
    error: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workspaceId, table.createdAt)],
);
