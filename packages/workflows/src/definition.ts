import { z } from 'zod';

/**
 * The workflow definition format, version 1: one trigger, nodes with typed parameters,
 * and edges from the trigger or a node to a node, labelled with the branch they follow.
 * Stored as JSON in every workflow version; exported files carry `schemaVersion`.
 *
 * Any string parameter may hold `{{ expression }}` (JSONata over `trigger`, `nodes.<id>`
 * outputs and `vars`), so parameters that are numbers or ids in the end are still typed
 * as strings-or-values here and checked again after evaluation.
 */
export const WORKFLOW_SCHEMA_VERSION = 1;

/** A string that may contain `{{ expression }}` parts. */
const text = z.string().max(10_000);
const nodeId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,47}$/, { error: 'must start with a letter and use letters, digits and _ (at most 48)' });
const accountId = z.string().min(1, { error: 'choose an X account' });

// ---- triggers -------------------------------------------------------------------------

export const scheduleTriggerSchema = z.object({
  type: z.literal('schedule'),
  params: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('cron'), cron: z.string().min(9).max(120), timezone: z.string().default('UTC') }),
    z.object({ mode: z.literal('interval'), everySeconds: z.number().int().min(60).max(31 * 86_400) }),
    z.object({ mode: z.literal('once'), at: z.iso.datetime({ offset: true }) }),
  ]),
});
export const manualTriggerSchema = z.object({
  type: z.literal('manual'),
  params: z.object({ sampleInput: z.record(z.string(), z.unknown()).optional() }).default({}),
});
export const webhookTriggerSchema = z.object({
  type: z.literal('webhook'),
  params: z.object({ requireSignature: z.boolean().default(false) }).default({ requireSignature: false }),
});
const pollSeconds = z.number().int().min(15).max(86_400).default(60);
export const xMentionTriggerSchema = z.object({
  type: z.literal('x.mention'),
  params: z.object({ accountId, pollSeconds, keyword: z.string().max(200).optional() }),
});
export const xReplyTriggerSchema = z.object({
  type: z.literal('x.reply'),
  params: z.object({ accountId, pollSeconds }),
});
export const xSearchTriggerSchema = z.object({
  type: z.literal('x.search'),
  params: z.object({ accountId, query: z.string().min(1).max(512), pollSeconds }),
});

export const triggerSchema = z.discriminatedUnion('type', [
  scheduleTriggerSchema,
  manualTriggerSchema,
  webhookTriggerSchema,
  xMentionTriggerSchema,
  xReplyTriggerSchema,
  xSearchTriggerSchema,
]);

// ---- nodes ----------------------------------------------------------------------------

const retrySchema = z.object({
  maxAttempts: z.number().int().min(1).max(10).default(3),
  backoffSeconds: z.number().int().min(1).max(3600).default(10),
});
const base = {
  id: nodeId,
  name: z.string().max(80).optional(),
  retry: retrySchema.optional(),
  /** Canvas position; ignored by the engine. */
  position: z.object({ x: z.number(), y: z.number() }).optional(),
};
const node = <T extends string, P extends z.ZodType>(type: T, params: P) => z.object({ ...base, type: z.literal(type), params });

export const nodeSchemas = {
  'x.post': node('x.post', z.object({ accountId, text, mediaIds: z.array(z.string()).max(4).default([]) })),
  'x.reply': node('x.reply', z.object({ accountId, text, inReplyTo: text })),
  'x.thread': node('x.thread', z.object({ accountId, items: z.array(text).min(1).max(25) })),
  'x.quote': node('x.quote', z.object({ accountId, text, quotePostId: text })),
  'x.like': node('x.like', z.object({ accountId, postId: text })),
  'x.repost': node('x.repost', z.object({ accountId, postId: text })),
  'x.delete': node('x.delete', z.object({ accountId, postId: text })),
  wait: node(
    'wait',
    z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('duration'), seconds: z.number().int().min(1).max(90 * 86_400) }),
      z.object({ mode: z.literal('until'), at: text }),
    ]),
  ),
  if: node('if', z.object({ condition: text })),
  switch: node('switch', z.object({ value: text, cases: z.array(z.string().min(1).max(100)).min(1).max(20) })),
  set: node('set', z.object({ variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), text) })),
  format: node('format', z.object({ template: text, truncateForX: z.boolean().default(false) })),
  pick: node(
    'pick',
    z.object({
      items: z.union([z.array(text).min(1).max(1000), text]),
      strategy: z.enum(['random', 'round_robin', 'least_recently_used']),
      /** Do not pick the same item again within this many days (evergreen recycling). */
      cooldownDays: z.number().int().min(0).max(365).default(0),
    }),
  ),
  http: node(
    'http',
    z.object({
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
      url: text,
      headers: z.record(z.string(), text).default({}),
      body: text.optional(),
      timeoutMs: z.number().int().min(100).max(30_000).default(10_000),
      maxResponseBytes: z.number().int().min(1).max(5_000_000).default(1_000_000),
    }),
  ),
  notify: node(
    'notify',
    z.object({
      channel: z.enum(['in_app', 'email', 'webhook']),
      title: text,
      body: text,
      /** For `webhook`: where to POST Slack-compatible JSON; for `email`: the address (default: workspace owners). */
      target: text.optional(),
    }),
  ),
} as const;

export type NodeType = keyof typeof nodeSchemas;
export const NODE_TYPES = Object.keys(nodeSchemas) as NodeType[];

export const workflowNodeSchema = z.discriminatedUnion('type', [
  nodeSchemas['x.post'],
  nodeSchemas['x.reply'],
  nodeSchemas['x.thread'],
  nodeSchemas['x.quote'],
  nodeSchemas['x.like'],
  nodeSchemas['x.repost'],
  nodeSchemas['x.delete'],
  nodeSchemas.wait,
  nodeSchemas.if,
  nodeSchemas.switch,
  nodeSchemas.set,
  nodeSchemas.format,
  nodeSchemas.pick,
  nodeSchemas.http,
  nodeSchemas.notify,
]);

/**
 * Branch labels: `next` (the default path), `true`/`false` (if), a case name or `default`
 * (switch), and `error` (taken when the node fails after its retries).
 */
export const edgeSchema = z.object({
  from: z.union([z.literal('trigger'), nodeId]),
  to: nodeId,
  label: z.string().min(1).max(100).default('next'),
});

/** The most `maxConcurrentRuns` a workflow may set; counting active runs can stop here. */
export const MAX_CONCURRENT_RUNS = 1000;

export const workflowSettingsSchema = z.object({
  maxConcurrentRuns: z.number().int().min(1).max(MAX_CONCURRENT_RUNS).default(10),
  /** When a run starts while `maxConcurrentRuns` are running: skip it, queue it, or run anyway. */
  overlap: z.enum(['skip', 'queue', 'allow']).default('queue'),
  /** Zone for dates in expressions ($formatDate) when none is given. */
  timezone: z.string().default('UTC'),
  /** Notify the workspace's editors in-app when a run fails. */
  notifyOnFailure: z.boolean().default(true),
});

export const workflowDefinitionSchema = z.object({
  schemaVersion: z.literal(WORKFLOW_SCHEMA_VERSION).default(WORKFLOW_SCHEMA_VERSION),
  trigger: triggerSchema,
  nodes: z.array(workflowNodeSchema).max(200),
  edges: z.array(edgeSchema).max(1000),
  settings: workflowSettingsSchema.default({ maxConcurrentRuns: 10, overlap: 'queue', timezone: 'UTC', notifyOnFailure: true }),
});

export type WorkflowTrigger = z.output<typeof triggerSchema>;
export type WorkflowNode = z.output<typeof workflowNodeSchema>;
export type WorkflowEdge = z.output<typeof edgeSchema>;
export type WorkflowSettings = z.output<typeof workflowSettingsSchema>;
export type WorkflowDefinition = z.output<typeof workflowDefinitionSchema>;
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;
export type NodeOf<T extends NodeType> = Extract<WorkflowNode, { type: T }>;
