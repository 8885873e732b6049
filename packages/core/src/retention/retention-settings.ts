import { and, eq } from 'drizzle-orm';
import { retentionPolicies, type Executor } from '@tweetflow/db';
import { recordAudit, type RequestClient } from '../audit/record-audit';
import { DomainError } from '../errors';
import type { Clock } from '../runtime/clock';
import { findRetentionCategory, RETENTION_CATEGORIES } from './retention-categories';

export type RetentionSetting = { key: string; label: string; description: string; days: number; defaultDays: number };

/** The longest retention that can be chosen; 0 (keep everything) is allowed too. */
export const MAX_RETENTION_DAYS = 3650;

/**
 * How long the workspace keeps each kind of history, its choice or the default.
 *
 * @example
 * const settings = await getRetentionSettings(db, workspaceId); // [{ key: 'audit_entries', days: 365, … }, …]
 */
export async function getRetentionSettings(db: Executor, workspaceId: string): Promise<RetentionSetting[]> {
  const chosen = await db.select().from(retentionPolicies).where(eq(retentionPolicies.workspaceId, workspaceId));
  return RETENTION_CATEGORIES.map(({ key, label, description, defaultDays }) => ({
    key,
    label,
    description,
    defaultDays,
    days: chosen.find((policy) => policy.category === key)?.days ?? defaultDays,
  }));
}

/**
 * Sets how many days one kind of history is kept (0: keep everything). Takes effect at
 * the next daily clean-up.
 *
 * @example
 * await setRetentionDays(db, clock, { workspaceId, category: 'workflow_runs', days: 30, userId, client });
 */
export async function setRetentionDays(
  db: Executor,
  clock: Clock,
  input: { workspaceId: string; category: string; days: number; userId: string; client?: RequestClient | null },
): Promise<void> {
  const category = findRetentionCategory(input.category);
  if (!category) throw new DomainError('bad_request', `There is no retention setting called "${input.category}".`);
  if (!Number.isInteger(input.days) || input.days < 0 || input.days > MAX_RETENTION_DAYS) {
    throw new DomainError('bad_request', `Keep history between 1 and ${MAX_RETENTION_DAYS} days, or 0 to keep everything.`);
  }
  const now = clock.now();
  const [previous] = await db
    .select({ days: retentionPolicies.days })
    .from(retentionPolicies)
    .where(and(eq(retentionPolicies.workspaceId, input.workspaceId), eq(retentionPolicies.category, category.key)));
  await db
    .insert(retentionPolicies)
    .values({ workspaceId: input.workspaceId, category: category.key, days: input.days, updatedAt: now })
    .onConflictDoUpdate({ target: [retentionPolicies.workspaceId, retentionPolicies.category], set: { days: input.days, updatedAt: now } });
  await recordAudit(db, {
    action: 'retention.changed',
    at: now,
    actor: { userId: input.userId, kind: 'session' },
    workspaceId: input.workspaceId,
    details: { category: category.key, from: previous?.days ?? category.defaultDays, to: input.days },
    client: input.client,
  });
}
