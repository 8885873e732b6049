import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, users, workflowRuns, workflowVersions, workflows, workspaces } from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { recordAudit } from '../audit/record-audit';
import { enforceRetention } from './enforce-retention';
import { getRetentionSettings, setRetentionDays } from './retention-settings';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const DAY = 86_400_000;
const now = new Date('2026-06-01T03:00:00Z');
const clock = { now: () => now };

describe('retention', () => {
  it('keeps each kind of history as long as the workspace chose, and finished runs only', async () => {
    const { db } = database;
    const [user] = await db.insert(users).values({ displayName: 'Ada' }).returning({ id: users.id });
    const [kept, trimmed] = await db.insert(workspaces).values([{ name: 'Defaults' }, { name: 'Short' }]).returning({ id: workspaces.id });
    await setRetentionDays(db, clock, { workspaceId: trimmed!.id, category: 'audit_entries', days: 30, userId: user!.id });
    await setRetentionDays(db, clock, { workspaceId: trimmed!.id, category: 'workflow_runs', days: 7, userId: user!.id });
    await expect(setRetentionDays(db, clock, { workspaceId: trimmed!.id, category: 'nope', days: 7, userId: user!.id })).rejects.toThrow(
      'There is no retention setting called "nope".',
    );
    await expect(setRetentionDays(db, clock, { workspaceId: trimmed!.id, category: 'audit_entries', days: -1, userId: user!.id })).rejects.toThrow(
      'Keep history between 1 and 3650 days, or 0 to keep everything.',
    );
    expect((await getRetentionSettings(db, trimmed!.id)).map(({ key, days }) => [key, days])).toEqual([
      ['workflow_runs', 7],
      ['metric_snapshots', 730],
      ['audit_entries', 30],
    ]);

    for (const workspaceId of [kept!.id, trimmed!.id]) {
      await recordAudit(db, { action: 'member.invited', at: new Date(now.getTime() - 60 * DAY), actor: { userId: user!.id, kind: 'session' }, workspaceId });
      const [workflow] = await db
        .insert(workflows)
        .values({ workspaceId, name: 'w', webhookTokenHash: `h-${workspaceId}`, webhookTokenCiphertext: 'c' })
        .returning({ id: workflows.id });
      const [version] = await db.insert(workflowVersions).values({ workflowId: workflow!.id, version: 1, definition: {} }).returning({ id: workflowVersions.id });
      const old = new Date(now.getTime() - 10 * DAY);
      await db.insert(workflowRuns).values([
        { workflowId: workflow!.id, workspaceId, versionId: version!.id, status: 'succeeded', triggerType: 'manual', finishedAt: old },
        { workflowId: workflow!.id, workspaceId, versionId: version!.id, status: 'waiting', triggerType: 'manual', startedAt: old },
      ]);
    }

    const removed = await enforceRetention(db, now);
    expect(removed).toEqual({ workflow_runs: 1, metric_snapshots: 0, audit_entries: 1 });
    const runsLeft = await db.select({ status: workflowRuns.status }).from(workflowRuns).where(eq(workflowRuns.workspaceId, trimmed!.id));
    expect(runsLeft).toEqual([{ status: 'waiting' }]);
    const auditLeft = await db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.workspaceId, trimmed!.id));
    // The invitation went; the two setting changes are recent.
    expect(auditLeft.map((e) => e.action)).toEqual(['retention.changed', 'retention.changed']);
    expect(await db.select().from(workflowRuns).where(eq(workflowRuns.workspaceId, kept!.id))).toHaveLength(2);
  });
});
