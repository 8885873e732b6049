import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * A workflow: a trigger followed by actions. Its content lives in immutable versions; the
 * active version (if any) is the one triggers run. The webhook token is stored hashed for
 * lookup and encrypted (keyring) so editors can see the URL again.
 */
export const workflows = pgTable(
  'workflows',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    description: text().notNull().default(''),
    /** Null while the workflow is inactive. */
    activeVersionId: uuid(),
    webhookTokenHash: text().notNull().unique(),
    webhookTokenCiphertext: text().notNull(),
    /** For webhook triggers with `requireSignature`: the HMAC-SHA256 key, encrypted. */
    webhookSecretCiphertext: text(),
    /**
     * Changes on every activation and deactivation. Trigger jobs carry the value they were
     * created under; a job with an older value stands down, so no job ever needs deleting.
     */
    triggerGeneration: integer().notNull().default(0),
    /** Where X-event polling left off (e.g. the newest mention id seen). */
    pollCursor: jsonb().$type<Record<string, string>>(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workspaceId)],
);

/** One saved state of a workflow. Never changed after insert; runs point at the version they ran. */
export const workflowVersions = pgTable(
  'workflow_versions',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workflowId: uuid()
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    note: text().notNull().default(''),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.workflowId, table.version)],
);

export const workflowRunStatus = pgEnum('workflow_run_status', [
  'queued',
  'running',
  'waiting',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
]);

/**
 * One execution of a workflow version. `cursor` holds the node ids still to run, in
 * order; it moves forward in the same transaction as each finished step, so a run that
 * was interrupted resumes exactly where it stopped.
 */
export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    workflowId: uuid()
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    // No foreign keys on the two columns below (migration 0008): both are the workflow's,
    // whose own key already removes its runs with it, and checking them cost every webhook
    // batch's insert a key-share lock on the one workspace row all its runs name.
    workspaceId: uuid().notNull(),
    versionId: uuid().notNull(),
    status: workflowRunStatus().notNull().default('queued'),
    triggerType: text().notNull(),
    triggerOutput: jsonb().$type<unknown>(),
    dryRun: boolean().notNull().default(false),
    cursor: text().array().notNull().default(sql`'{}'::text[]`),
    vars: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Node ids to stop before (step debugging); a stop removes the id once reached. */
    breakpoints: text().array().notNull().default(sql`'{}'::text[]`),
    /** The pg-boss job that advances this run now; an older job finding another id stands down. */
    jobId: uuid(),
    error: text(),
    startedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.workflowId, table.createdAt), index().on(table.workflowId, table.status)],
);

export const workflowStepStatus = pgEnum('workflow_step_status', ['running', 'waiting', 'succeeded', 'failed']);

/** One node executed in a run: what went in, what came out, how long it took. */
export const workflowSteps = pgTable(
  'workflow_steps',
  {
    id: uuid().primaryKey().default(sql`uuidv7()`),
    runId: uuid()
      .notNull()
      .references(() => workflowRuns.id, { onDelete: 'cascade' }),
    nodeId: text().notNull(),
    sequence: integer().notNull(),
    status: workflowStepStatus().notNull(),
    input: jsonb().$type<unknown>(),
    output: jsonb().$type<unknown>(),
    /** What an unfinished step already did (e.g. the post it created), to resume without repeating. */
    state: jsonb().$type<Record<string, unknown>>(),
    branch: text(),
    error: text(),
    attempts: integer().notNull().default(1),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (table) => [unique().on(table.runId, table.sequence)],
);

/** Memory a node keeps across runs: round-robin position, when each item was last picked. */
export const workflowNodeState = pgTable(
  'workflow_node_state',
  {
    workflowId: uuid()
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    nodeId: text().notNull(),
    state: jsonb().$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.workflowId, table.nodeId] })],
);
