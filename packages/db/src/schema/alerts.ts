import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { workspaces } from './workspaces';
import { xAccounts } from './x-accounts';

export const alertRuleKind = pgEnum('alert_rule_kind', [
  'publish_failed',
  'account_needs_reauth',
  'rate_limit_budget',
  'engagement_drop',
  'follower_drop',
  'workflow_failed',
]);

/**
 * What to watch and how to tell people. `threshold` is a percentage whose meaning depends
 * on the kind (share of a rate-limit window used, or size of a drop). A snoozed rule still
 * records incidents but delivers none until `snoozedUntil`.
 */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: alertRuleKind().notNull(),
    /** Only this account; null watches every account of the workspace. */
    xAccountId: uuid().references(() => xAccounts.id, { onDelete: 'cascade' }),
    threshold: doublePrecision(),
    inApp: boolean().notNull().default(true),
    email: boolean().notNull().default(false),
    /** Slack-compatible incoming webhook: receives `{"text": …}`. */
    webhookUrl: text(),
    enabled: boolean().notNull().default(true),
    snoozedUntil: timestamp({ withTimezone: true }),
    /** Events (e.g. failed posts) up to this instant have been looked at. */
    checkedUntil: timestamp({ withTimezone: true }).notNull(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workspaceId)],
);

/**
 * One incident of a rule: the first observation delivers the alert, later ones only raise
 * `count`. At most one open incident per rule and key; once resolved, a recurrence opens a new one.
 */
export const alertIncidents = pgTable(
  'alert_incidents',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    ruleId: uuid()
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** What makes two observations the same incident, e.g. `account:<id>`. */
    incidentKey: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    count: integer().notNull().default(1),
    /** What the rule needs to recognise a repeat (e.g. the rate-limit window it last counted). */
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    firstSeenAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    deliveredAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex('alert_incidents_open_key').on(table.ruleId, table.incidentKey).where(sql`${table.resolvedAt} is null`),
    index().on(table.workspaceId, table.lastSeenAt),
  ],
);
