import { and, eq, isNull, sql } from 'drizzle-orm';
import { alertIncidents, alertRules, type Executor } from '@tweetflow/db';
import { emitWorkspaceEvent } from '../events/workspace-events';
import type { AlertDeps } from './alert-deps';
import { effectiveThreshold, type AlertKind } from './alert-kinds';
import { deliverAlert } from './deliver-alert';
import { detectAccountsNeedingReauth } from './detectors/accounts-needing-reauth';
import { detectEngagementDrop } from './detectors/engagement-drop';
import { detectFollowerDrop } from './detectors/follower-drop';
import type { Detector, Observation } from './detectors/observation';
import { detectPublishFailures } from './detectors/publish-failures';
import { detectRateLimitBudget } from './detectors/rate-limit-budget';
import { detectWorkflowFailures } from './detectors/workflow-failures';

const DETECTORS: Record<AlertKind, Detector> = {
  publish_failed: detectPublishFailures,
  account_needs_reauth: detectAccountsNeedingReauth,
  rate_limit_budget: detectRateLimitBudget,
  engagement_drop: detectEngagementDrop,
  follower_drop: detectFollowerDrop,
  workflow_failed: detectWorkflowFailures,
};

type Rule = typeof alertRules.$inferSelect;

export type AlertEvaluation = { rules: number; opened: number; repeated: number; resolved: number };

/**
 * Checks every enabled rule (of one workspace, or all) and keeps incidents true: a new
 * observation opens an incident and delivers it once (unless the rule is snoozed), a repeat
 * only raises its count, and an incident whose condition is gone is resolved, so a
 * recurrence later is a new incident. Each rule is checked in its own transaction, locked,
 * so two workers never deliver the same incident.
 *
 * @example
 * await evaluateAlerts(db, deps); // every workspace
 */
export async function evaluateAlerts(db: Executor, deps: AlertDeps, workspaceId?: string): Promise<AlertEvaluation> {
  const rules = await db
    .select({ id: alertRules.id })
    .from(alertRules)
    .where(and(eq(alertRules.enabled, true), workspaceId ? eq(alertRules.workspaceId, workspaceId) : undefined));
  const total: AlertEvaluation = { rules: rules.length, opened: 0, repeated: 0, resolved: 0 };
  for (const { id } of rules) {
    const outcome = await db.transaction(async (tx) => {
      const [rule] = await tx.select().from(alertRules).where(eq(alertRules.id, id)).for('update', { skipLocked: true });
      return rule ? evaluateRule(tx, deps, rule) : { opened: 0, repeated: 0, resolved: 0 };
    });
    total.opened += outcome.opened;
    total.repeated += outcome.repeated;
    total.resolved += outcome.resolved;
  }
  return total;
}

async function evaluateRule(db: Executor, deps: AlertDeps, rule: Rule): Promise<Omit<AlertEvaluation, 'rules'>> {
  const now = deps.clock.now();
  const open = await db
    .select()
    .from(alertIncidents)
    .where(and(eq(alertIncidents.ruleId, rule.id), isNull(alertIncidents.resolvedAt)));
  const detection = await DETECTORS[rule.kind](db, {
    workspaceId: rule.workspaceId,
    xAccountId: rule.xAccountId,
    threshold: effectiveThreshold(rule.kind, rule.threshold),
    since: rule.checkedUntil,
    now,
    open: open.map((incident) => ({ key: incident.incidentKey, detail: incident.detail, lastSeenAt: incident.lastSeenAt })),
  });
  const snoozed = rule.snoozedUntil !== null && rule.snoozedUntil > now;
  const outcome = { opened: 0, repeated: 0, resolved: 0 };
  const openByKey = new Map(open.map((incident) => [incident.incidentKey, incident]));
  for (const observation of detection.observations) {
    const existing = openByKey.get(observation.key);
    if (existing) {
      await repeat(db, rule, existing, observation, now);
      if (observation.occurrences > 0) outcome.repeated++;
      continue;
    }
    const [incident] = await db
      .insert(alertIncidents)
      .values({
        ruleId: rule.id,
        workspaceId: rule.workspaceId,
        incidentKey: observation.key,
        title: observation.title,
        body: observation.body,
        link: observation.link,
        count: Math.max(1, observation.occurrences),
        detail: observation.detail ?? {},
        firstSeenAt: now,
        lastSeenAt: now,
        deliveredAt: snoozed ? null : now,
      })
      .returning();
    if (!snoozed) await deliverAlert(db, deps, rule, incident!);
    outcome.opened++;
  }
  for (const key of detection.resolvedKeys) {
    const incident = openByKey.get(key);
    if (!incident) continue;
    await db.update(alertIncidents).set({ resolvedAt: now }).where(eq(alertIncidents.id, incident.id));
    outcome.resolved++;
  }
  await db.update(alertRules).set({ checkedUntil: now }).where(eq(alertRules.id, rule.id));
  return outcome;
}

/** A repeat changes the incident's count and text, never delivers it again. */
async function repeat(db: Executor, rule: Rule, incident: typeof alertIncidents.$inferSelect, observation: Observation, now: Date): Promise<void> {
  await db
    .update(alertIncidents)
    .set({
      count: sql`${alertIncidents.count} + ${observation.occurrences}`,
      title: observation.title,
      body: observation.body,
      detail: observation.detail ?? incident.detail,
      lastSeenAt: now,
    })
    .where(eq(alertIncidents.id, incident.id));
  if (observation.occurrences > 0) {
    await emitWorkspaceEvent(db, rule.workspaceId, { type: 'alert', incidentId: incident.id, ruleKind: rule.kind, title: observation.title, count: incident.count + observation.occurrences });
  }
}
