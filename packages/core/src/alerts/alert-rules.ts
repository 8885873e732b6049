import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { alertIncidents, alertRules, xAccounts, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import { ALERT_KINDS, type AlertKind } from './alert-kinds';

const kinds = Object.keys(ALERT_KINDS) as [AlertKind, ...AlertKind[]];

/** A rule as people set it up (create and update). */
export const alertRuleInputSchema = z.object({
  kind: z.enum(kinds, { error: `must be one of ${kinds.join(', ')}` }),
  xAccountId: z.uuid({ error: 'choose an X account, or none for all accounts' }).nullable().default(null),
  threshold: z.number({ error: 'must be a percentage' }).min(0.1, { error: 'must be at least 0.1%' }).max(100, { error: 'must be at most 100%' }).nullable().default(null),
  inApp: z.boolean().default(true),
  email: z.boolean().default(false),
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. a Slack incoming webhook' })
    .max(2_000)
    .nullable()
    .default(null),
  enabled: z.boolean().default(true),
});

export type AlertRuleInput = z.output<typeof alertRuleInputSchema>;

type RuleRow = typeof alertRules.$inferSelect;
export type AlertRuleView = RuleRow & { openIncidents: number };

/**
 * The workspace's rules with how many incidents each has open.
 *
 * @example
 * const rules = await listAlertRules(db, workspaceId);
 */
export async function listAlertRules(db: Executor, workspaceId: string): Promise<AlertRuleView[]> {
  const rules = await db.select().from(alertRules).where(eq(alertRules.workspaceId, workspaceId)).orderBy(alertRules.createdAt);
  const open = await db
    .select({ ruleId: alertIncidents.ruleId, open: count() })
    .from(alertIncidents)
    .where(and(eq(alertIncidents.workspaceId, workspaceId), isNull(alertIncidents.resolvedAt)))
    .groupBy(alertIncidents.ruleId);
  const openByRule = new Map(open.map((row) => [row.ruleId, row.open]));
  return rules.map((rule) => ({ ...rule, openIncidents: openByRule.get(rule.id) ?? 0 }));
}

async function assertAccountInWorkspace(db: Executor, workspaceId: string, xAccountId: string | null): Promise<void> {
  if (!xAccountId) return;
  const [account] = await db.select({ id: xAccounts.id }).from(xAccounts).where(and(eq(xAccounts.id, xAccountId), eq(xAccounts.workspaceId, workspaceId)));
  if (!account) throw new DomainError('not_found', 'That X account is not connected to this workspace.');
}

function assertDeliverable(input: AlertRuleInput): void {
  if (!input.inApp && !input.email && !input.webhookUrl) {
    throw new DomainError('bad_request', 'Choose at least one way to be told: in the app, by email or by webhook.');
  }
}

/**
 * Adds a rule; it looks at what happens from now on (past failures do not alert).
 *
 * @example
 * await createAlertRule(db, clock, { workspaceId, userId, rule: alertRuleInputSchema.parse({ kind: 'publish_failed' }) });
 */
export async function createAlertRule(db: Executor, now: Date, input: { workspaceId: string; userId: string; rule: AlertRuleInput }): Promise<RuleRow> {
  assertDeliverable(input.rule);
  await assertAccountInWorkspace(db, input.workspaceId, input.rule.xAccountId);
  const [rule] = await db
    .insert(alertRules)
    .values({ ...input.rule, workspaceId: input.workspaceId, createdByUserId: input.userId, checkedUntil: now, createdAt: now })
    .returning();
  return rule!;
}

/**
 * Changes a rule's settings; its open incidents stay as they are.
 *
 * @example
 * await updateAlertRule(db, { workspaceId, ruleId, rule });
 */
export async function updateAlertRule(db: Executor, input: { workspaceId: string; ruleId: string; rule: AlertRuleInput }): Promise<RuleRow> {
  assertDeliverable(input.rule);
  await assertAccountInWorkspace(db, input.workspaceId, input.rule.xAccountId);
  const [rule] = await db
    .update(alertRules)
    .set(input.rule)
    .where(and(eq(alertRules.id, input.ruleId), eq(alertRules.workspaceId, input.workspaceId)))
    .returning();
  if (!rule) throw new DomainError('not_found', 'That alert rule does not exist (any more).');
  return rule;
}

/**
 * Snoozes a rule until `until` (incidents are still recorded, not delivered), or wakes it with null.
 *
 * @example
 * await snoozeAlertRule(db, { workspaceId, ruleId, until: new Date(Date.now() + 3_600_000) });
 */
export async function snoozeAlertRule(db: Executor, input: { workspaceId: string; ruleId: string; until: Date | null }): Promise<RuleRow> {
  const [rule] = await db
    .update(alertRules)
    .set({ snoozedUntil: input.until })
    .where(and(eq(alertRules.id, input.ruleId), eq(alertRules.workspaceId, input.workspaceId)))
    .returning();
  if (!rule) throw new DomainError('not_found', 'That alert rule does not exist (any more).');
  return rule;
}

/**
 * Deletes a rule and its incidents.
 *
 * @example
 * await deleteAlertRule(db, { workspaceId, ruleId });
 */
export async function deleteAlertRule(db: Executor, input: { workspaceId: string; ruleId: string }): Promise<void> {
  await db.delete(alertRules).where(and(eq(alertRules.id, input.ruleId), eq(alertRules.workspaceId, input.workspaceId)));
}

/**
 * The workspace's incidents, most recently seen first.
 *
 * @example
 * const incidents = await listAlertIncidents(db, workspaceId, 50);
 */
export async function listAlertIncidents(db: Executor, workspaceId: string, limit: number) {
  return db
    .select({
      id: alertIncidents.id,
      ruleId: alertIncidents.ruleId,
      kind: alertRules.kind,
      title: alertIncidents.title,
      body: alertIncidents.body,
      link: alertIncidents.link,
      count: alertIncidents.count,
      firstSeenAt: alertIncidents.firstSeenAt,
      lastSeenAt: alertIncidents.lastSeenAt,
      deliveredAt: alertIncidents.deliveredAt,
      resolvedAt: alertIncidents.resolvedAt,
    })
    .from(alertIncidents)
    .innerJoin(alertRules, eq(alertRules.id, alertIncidents.ruleId))
    .where(eq(alertIncidents.workspaceId, workspaceId))
    .orderBy(desc(alertIncidents.lastSeenAt))
    .limit(limit);
}
