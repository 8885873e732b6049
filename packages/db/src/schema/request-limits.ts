import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Sliding-window request counters for abuse limits (API calls per person and per token,
 * sign-in and sign-up attempts per client address, uploads). One row per key: the count
 * of the current fixed window and of the one before, which together approximate a
 * sliding window in a single upsert.
 */
export const requestLimitCounters = pgTable('request_limit_counters', {
  /** e.g. `api:user:<id>`, `sign-up:ip:<address>`. */
  key: text().primaryKey(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull(),
  previousCount: integer().notNull().default(0),
});
